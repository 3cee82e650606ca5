package manifest

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// ExternallyConnectable is the externally_connectable key: which other
// extensions and which web pages may message this extension. A nil
// *ExternallyConnectable stands for an absent key.
type ExternallyConnectable struct {
	// IDs are the listed extension IDs; AllIDs is set by "*".
	IDs    []string
	AllIDs bool
	// Matches are the accepted web-page patterns; patterns Chrome skips
	// with a warning are not here.
	Matches []*matchpattern.Pattern
	// AcceptsTLSChannelID makes Chrome add tlsChannelId: "" to senders.
	AcceptsTLSChannelID bool
}

// Install warnings and errors for externally_connectable, worded as Chromium's
// externally_connectable manifest handler words them.
const (
	ecErrInvalidID           = "Invalid ID '%s'"
	ecErrInvalidMatchPattern = "Invalid match pattern '%s'"
	ecWarnWildcardHost       = "Wildcard domain patterns such as \"%s\" are not allowed"
	ecWarnTLDWildcard        = "\"%s\" is an effective top level domain for which wildcard subdomains such as \"%s\" are not allowed"
	ecWarnNothing            = "'externally_connectable' specifies neither 'matches' nor 'ids'; nothing will be able to connect"
)

func (p *parser) externallyConnectable(m *Manifest) {
	raw := p.raw["externally_connectable"]
	if raw == nil {
		return
	}
	var ec struct {
		IDs                 *[]string `json:"ids"`
		Matches             *[]string `json:"matches"`
		AcceptsTLSChannelID *bool     `json:"accepts_tls_channel_id"`
	}
	if !p.get(raw, "externally_connectable", &ec) {
		return
	}
	out := &ExternallyConnectable{}
	// The externally_connectable.all_urls permission lifts the wildcard
	// restrictions (it is granted to a few allowlisted extensions).
	allURLsPerm := false
	var perms []string
	if p.get(p.raw["permissions"], "permissions", &perms) {
		for _, pm := range perms {
			allURLsPerm = allURLsPerm || pm == "externally_connectable.all_urls"
		}
	}
	if ec.Matches != nil {
		for _, s := range *ec.Matches {
			pat, err := matchpattern.Parse(s, matchpattern.SchemesAll)
			if err != nil {
				p.fail("externally_connectable.matches", fmt.Sprintf(ecErrInvalidMatchPattern, s))
				return
			}
			if !allURLsPerm {
				if pat.MatchesAllHosts() {
					p.warnings = append(p.warnings, fmt.Sprintf(ecWarnWildcardHost, s))
					continue
				}
				if matchesEffectiveTLD(pat) {
					p.warnings = append(p.warnings, fmt.Sprintf(ecWarnTLDWildcard, pat.Host(), s))
					continue
				}
			}
			out.Matches = append(out.Matches, pat)
		}
	}
	if ec.IDs != nil {
		for _, id := range *ec.IDs {
			switch {
			case id == "*":
				out.AllIDs = true
			case chromefacts.ExtensionIDAccepted(id):
				out.IDs = append(out.IDs, strings.ToLower(id))
			default:
				p.fail("externally_connectable.ids", fmt.Sprintf(ecErrInvalidID, id))
				return
			}
		}
	}
	if ec.IDs == nil && ec.Matches == nil {
		p.warnings = append(p.warnings, ecWarnNothing)
	}
	out.AcceptsTLSChannelID = ec.AcceptsTLSChannelID != nil && *ec.AcceptsTLSChannelID
	m.ExternallyConnectable = out
}

// matchesEffectiveTLD reports a "*." pattern whose host is a public suffix
// (ICANN or private registry, unknown TLDs included), like "*.com",
// "*.co.uk" or "*.appspot.com".
func matchesEffectiveTLD(p *matchpattern.Pattern) bool {
	if !p.MatchesSubdomains() || p.Host() == "" {
		return false
	}
	host := strings.TrimSuffix(p.Host(), ".")
	if hasRegistrableDomain(host) {
		return false
	}
	return hasRegistrableDomain("notatld." + host)
}

func hasRegistrableDomain(host string) bool {
	_, err := publicsuffix.EffectiveTLDPlusOne(host)
	return err == nil
}

// AllowsExtension reports whether the extension with the given ID may
// connect or send messages. With the key absent every extension may.
func (ec *ExternallyConnectable) AllowsExtension(id string) bool {
	if ec == nil {
		return true
	}
	if ec.AllIDs {
		return true
	}
	id = strings.ToLower(id)
	for _, x := range ec.IDs {
		if x == id {
			return true
		}
	}
	return false
}

// AllowsURL reports whether a web page whose last committed URL is pageURL
// may connect or send messages. With the key absent no web page may.
func (ec *ExternallyConnectable) AllowsURL(pageURL string) bool {
	if ec == nil {
		return false
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		return false
	}
	for _, p := range ec.Matches {
		if p.Match(u) {
			return true
		}
	}
	return false
}

// AddsTLSChannelID reports whether senders get tlsChannelId: "" (only when
// the key is present with accepts_tls_channel_id true).
func (ec *ExternallyConnectable) AddsTLSChannelID() bool {
	return ec != nil && ec.AcceptsTLSChannelID
}
