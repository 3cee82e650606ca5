package extwasmtest

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
)

// pattern is a parsed [Browser.Handle] pattern: a path on the pages' origin (host empty), or a
// scheme, host name and path.
type pattern struct {
	scheme, host, path string
}

// parsePattern checks a Handle pattern the same way for both browsers.
func parsePattern(p string) (pattern, error) {
	if strings.HasPrefix(p, "/") {
		return pattern{path: p}, nil
	}
	u, err := url.Parse(p)
	bad := err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != ""
	if bad {
		return pattern{}, fmt.Errorf("extwasmtest: Handle(%q): want a path (\"/api/\") or an http or https URL with a host name (\"https://api.example.com/\")", p)
	}
	host := strings.ToLower(u.Hostname())
	if u.Port() != "" {
		return pattern{}, fmt.Errorf("extwasmtest: Handle(%q): a pattern has no port (Chromium maps a host name's every port to one server)", p)
	}
	if host == "localhost" || net.ParseIP(host) != nil {
		return pattern{}, fmt.Errorf("extwasmtest: Handle(%q): an IP address or localhost cannot be mapped in Chromium; use a host name, or a path on the pages' origin", p)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	return pattern{scheme: u.Scheme, host: host, path: path}, nil
}

// netServers serve Handle's hosts for Chromium: one plain and one TLS server on 127.0.0.1, to
// which Chromium maps each host name (--host-resolver-rules) by its scheme.
type netServers struct {
	mu      sync.Mutex
	schemes map[string]string // host → scheme
	routes  map[string]http.Handler
	plain   *httptest.Server
	tls     *httptest.Server
}

// add registers a route; launched says whether Chromium already runs (new hosts are refused).
func (n *netServers) add(raw string, p pattern, h http.Handler, launched bool) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if s, ok := n.schemes[p.host]; ok && s != p.scheme {
		return fmt.Errorf("extwasmtest: Handle(%q): %s is already served over %s; Chromium maps a host name to one server", raw, p.host, s)
	} else if !ok && launched {
		return fmt.Errorf("extwasmtest: Handle(%q): Chromium is already running and resolves only the hosts it was launched with; call Handle for every host before opening a tab or evaluating in a worker", raw)
	}
	if n.schemes == nil {
		n.schemes, n.routes = map[string]string{}, map[string]http.Handler{}
	}
	n.schemes[p.host] = p.scheme
	n.routes[p.scheme+"://"+p.host+p.path] = h
	if p.scheme == "https" && n.tls == nil {
		n.tls = httptest.NewUnstartedServer(http.HandlerFunc(n.serve))
		n.tls.TLS = &tls.Config{}
		n.tls.StartTLS()
	}
	if p.scheme == "http" && n.plain == nil {
		n.plain = httptest.NewServer(http.HandlerFunc(n.serve))
	}
	return nil
}

// serve routes a request by scheme, host name and the longest path prefix, as hostsim does.
func (n *netServers) serve(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(r.Host); err == nil {
		host = h
	}
	prefix := scheme + "://" + strings.ToLower(host)
	n.mu.Lock()
	best := ""
	var h http.Handler
	for k, rh := range n.routes {
		p, ok := strings.CutPrefix(k, prefix)
		if !ok || !strings.HasPrefix(p, "/") {
			continue
		}
		if (p == r.URL.Path || (strings.HasSuffix(p, "/") && strings.HasPrefix(r.URL.Path, p))) && len(p) > len(best) {
			best, h = p, rh
		}
	}
	n.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h.ServeHTTP(w, r)
}

// flags are the Chromium switches that send the hosts to the servers (nil when there are none),
// merged with the caller's host-resolver-rules.
func (n *netServers) flags(user map[string]any) map[string]any {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.schemes) == 0 {
		return user
	}
	out := map[string]any{}
	for k, v := range user {
		out[k] = v
	}
	var rules []string
	hosts := make([]string, 0, len(n.schemes))
	for h := range n.schemes {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	for _, h := range hosts {
		srv := n.plain
		if n.schemes[h] == "https" {
			srv = n.tls
			out["ignore-certificate-errors"] = true
		}
		rules = append(rules, "MAP "+h+" "+strings.TrimPrefix(strings.TrimPrefix(srv.URL, "https://"), "http://"))
	}
	if v, ok := user["host-resolver-rules"].(string); ok && v != "" {
		rules = append(rules, v)
	}
	out["host-resolver-rules"] = strings.Join(rules, ", ")
	return out
}

func (n *netServers) close() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.plain != nil {
		n.plain.Close()
	}
	if n.tls != nil {
		n.tls.Close()
	}
}
