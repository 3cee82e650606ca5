package chromesim

import (
	"encoding/base64"
	"mime"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// The names Chrome gives downloaded files, as Chromium 156 chose them (scenario downloads).

// downloadExts are the content types whose files Chrome names with their own extension, and
// that extension: a name with any other extension has it replaced ("x.csv" served as text/plain
// is saved as "x.txt", "x.TXT" too), a name without one gets it ("noext" becomes "noext.txt").
// Only the types measured are listed; files of other types keep their names.
var downloadExts = map[string]string{
	"text/plain":       ".txt",
	"text/html":        ".html",
	"text/csv":         ".csv",
	"application/json": ".json",
}

// extTypes are the content types Chrome reports, once the file is named, for a file served as
// application/octet-stream, by its extension: the system's MIME database's, as measured on
// Debian's Chromium 156.
var extTypes = map[string]string{
	".zip": "application/zip", ".exe": "application/x-ms-dos-executable", ".sh": "application/x-shellscript",
}

// defaultDownloadName is the file name Chrome proposes for a download from rawURL served with
// the Content-Disposition header disposition: the header's filename (filename* first), else the
// URL's last path segment, else "download"; then fixed to the content type mimeType.
func defaultDownloadName(rawURL, disposition, mimeType string) string {
	name := dispositionName(disposition)
	if name == "" {
		if u, err := url.Parse(rawURL); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ftp" || u.Scheme == "chrome-extension") {
			// The last segment: a URL ending in "/" has none (measured: "download.txt").
			name = u.Path[strings.LastIndexByte(u.Path, '/')+1:]
			if p, err := url.PathUnescape(name); err == nil {
				name = p
			}
		} else if err == nil && u.Scheme == "javascript" {
			name = u.Opaque
		}
	}
	name = strings.NewReplacer("/", "_", "\\", "_").Replace(name)
	if name == "" || name == "." || name == ".." {
		name = "download"
	}
	return fixExtension(name, mimeType)
}

// dispositionName is the filename of a Content-Disposition header, "" when it has none or does
// not parse. mime.ParseMediaType decodes RFC 2231's filename* and prefers it.
func dispositionName(h string) string {
	if h == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(h)
	if err != nil {
		return ""
	}
	return path.Base(strings.ReplaceAll(params["filename"], "\\", "/"))
}

// fixExtension gives the last element of the slash-separated name the extension of mimeType.
func fixExtension(name, mimeType string) string {
	want, ok := downloadExts[mimeType]
	if !ok {
		return name
	}
	dir, base := path.Split(name)
	ext := path.Ext(base)
	if ext == want {
		return name
	}
	return dir + strings.TrimSuffix(base, ext) + want
}

// validDownloadName reports whether name may be a download's filename relative to the download
// folder: not empty, not absolute, no ".." part, no backslash (measured: "./d.txt" is accepted
// as it is).
func validDownloadName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return false
		}
	}
	return true
}

// uniqueName is name made unique among taken as Chrome's "uniquify" does: "a.txt", then
// "a (1).txt", "a (2).txt" …
func uniqueName(name string, taken func(string) bool) string {
	if !taken(name) {
		return name
	}
	dir, base := path.Split(name)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	for i := 1; ; i++ {
		if n := dir + stem + " (" + strconv.Itoa(i) + ")" + ext; !taken(n) {
			return n
		}
	}
}

// parseDataURL splits a data: URL into its content type (without parameters; text/plain when
// it names none) and its bytes; ok is false when it is not a data: URL or its base64 is bad.
func parseDataURL(raw string) (mimeType string, body []byte, ok bool) {
	rest, found := strings.CutPrefix(raw, "data:")
	if !found {
		return "", nil, false
	}
	meta, data, found := strings.Cut(rest, ",")
	if !found {
		return "", nil, false
	}
	if i := strings.IndexByte(data, '#'); i >= 0 {
		data = data[:i]
	}
	isBase64 := false
	if m, found := strings.CutSuffix(meta, ";base64"); found {
		meta, isBase64 = m, true
	}
	mimeType = "text/plain"
	if t, _, err := mime.ParseMediaType(meta); err == nil {
		mimeType = t
	}
	unescaped, err := url.PathUnescape(data)
	if err != nil {
		unescaped = data
	}
	if !isBase64 {
		return mimeType, []byte(unescaped), true
	}
	body, err = base64.StdEncoding.DecodeString(strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
			return -1
		}
		return r
	}, unescaped))
	if err != nil {
		return "", nil, false
	}
	return mimeType, body, true
}
