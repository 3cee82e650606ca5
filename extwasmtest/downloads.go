package extwasmtest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Downloads returns the files chrome.downloads saved in b, by slash-separated path relative to
// the browser's download folder ("report.csv", "sub/x.txt"): hostsim keeps them in memory, and
// Chromium saves them in a folder of its temporary profile, which Close removes. A download in
// progress is not listed. Before Chromium starts (no tab opened, no evaluation yet) nothing has
// been downloaded, and the result is empty.
func Downloads(b Browser) (map[string][]byte, error) {
	d, ok := b.(downloadsReader)
	if !ok {
		return nil, fmt.Errorf("extwasmtest: %s cannot list its downloads", b.Kind())
	}
	return d.downloads()
}

// downloadsReader is a browser whose saved downloads the harness can read.
type downloadsReader interface {
	downloads() (map[string][]byte, error)
}

func (s *simBrowser) downloads() (map[string][]byte, error) { return s.b.Downloads(), nil }

func (r *realBrowser) downloads() (map[string][]byte, error) {
	r.mu.Lock()
	b := r.b
	r.mu.Unlock()
	out := map[string][]byte{}
	if b == nil {
		return out, nil
	}
	dir := b.DownloadDir()
	if dir == "" {
		return nil, fmt.Errorf("extwasmtest: Chromium's profile decides where downloads go")
	}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		// Chromium writes a download in progress as "Unconfirmed <n>.crdownload" (or
		// "<name>.crdownload") and renames it once it completes.
		if err != nil || e.IsDir() || strings.HasSuffix(path, ".crdownload") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("extwasmtest: reading Chromium's downloads: %w", err)
	}
	return out, nil
}
