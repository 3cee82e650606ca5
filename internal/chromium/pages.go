package chromium

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// PageServer serves a folder of test pages on 127.0.0.1 at a random port. A file X may have a
// sidecar X.headers holding extra response headers, one "Name: value" a line (for example a
// Content-Security-Policy), which a <meta> tag cannot always express.
type PageServer struct {
	// URL is the base URL, "http://127.0.0.1:<port>", with no trailing slash.
	URL string
	srv *http.Server
	dir string

	mu       sync.Mutex
	inline   map[string]inlinePage
	handlers map[string]http.Handler // by path: a prefix when it ends in "/"
}

// inlinePage is a page set with [PageServer.Set]; it takes precedence over files.
type inlinePage struct {
	body   string
	header http.Header
}

// ServePages starts serving dir.
func ServePages(dir string) (*PageServer, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("chromium: pages folder %s: %w", dir, err)
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("chromium: pages folder %s is not a folder (%v)", abs, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("chromium: listening for the page server: %w", err)
	}
	s := &PageServer{URL: "http://" + ln.Addr().String(), dir: abs}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln) //nolint:errcheck // Serve always returns an error after Close.
	return s, nil
}

// Page returns the URL of a page by its path in the folder, e.g. "login.html" or "plain.html?tab=2".
func (s *PageServer) Page(p string) string { return s.URL + "/" + strings.TrimPrefix(p, "/") }

// Set serves body as HTML at path (e.g. "/scenario/tab1.html"), ahead of any file there, with the
// extra headers given. Scenarios use it for pages they define inline.
func (s *PageServer) Set(path string, body string, header http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inline == nil {
		s.inline = map[string]inlinePage{}
	}
	s.inline[cleanPath(path)] = inlinePage{body: body, header: header.Clone()}
}

// Handle makes h serve the paths under pattern (a prefix when it ends in "/", else one path), after
// pages set with Set and before files; the longest pattern wins.
func (s *PageServer) Handle(pattern string, h http.Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.handlers == nil {
		s.handlers = map[string]http.Handler{}
	}
	s.handlers[pattern] = h
}

// handler is the handler whose pattern matches p longest, or nil.
func (s *PageServer) handler(p string) http.Handler {
	s.mu.Lock()
	defer s.mu.Unlock()
	best := ""
	var h http.Handler
	for pat, ph := range s.handlers {
		if (pat == p || (strings.HasSuffix(pat, "/") && strings.HasPrefix(p, pat))) && len(pat) > len(best) {
			best, h = pat, ph
		}
	}
	return h
}

func cleanPath(p string) string { return path.Clean("/" + p) }

// Close stops the server.
func (s *PageServer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// ServeHTTP serves files, with their sidecar headers, and never the sidecars themselves.
func (s *PageServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := cleanPath(r.URL.Path)
	s.mu.Lock()
	_, inline := s.inline[p]
	s.mu.Unlock()
	if h := s.handler(r.URL.Path); h != nil && !inline {
		h.ServeHTTP(w, r)
		return
	}
	// Tests must see the page they wrote, not a cached one.
	w.Header().Set("Cache-Control", "no-store")
	s.mu.Lock()
	page, ok := s.inline[p]
	s.mu.Unlock()
	if ok {
		for k, vs := range page.header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, page.body)
		return
	}
	if strings.HasSuffix(p, ".headers") {
		http.NotFound(w, r)
		return
	}
	file := filepath.Join(s.dir, filepath.FromSlash(p))
	if data, err := os.ReadFile(file + ".headers"); err == nil {
		h, err := ParseHeaders(string(data))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		for k, vs := range h {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
	}
	http.ServeFile(w, r, file)
}

// ParseHeaders reads "Name: value" lines; blank lines and lines starting with # are skipped.
func ParseHeaders(text string) (http.Header, error) {
	h := http.Header{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || !validHeaderName(name) {
			return nil, fmt.Errorf("chromium: header line %d: want \"Name: value\", got %q", n, line)
		}
		value = strings.TrimSpace(value)
		if strings.ContainsAny(value, "\r\n\x00") {
			return nil, fmt.Errorf("chromium: header line %d: control character in value", n)
		}
		h.Add(textproto.CanonicalMIMEHeaderKey(name), value)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("chromium: reading headers: %w", err)
	}
	return h, nil
}

// validHeaderName reports whether name is an RFC 9110 token.
func validHeaderName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
