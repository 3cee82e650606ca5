package chromeschema

import "slices"

// NonAPIPermissions are the manifest permissions Chrome knows that gate no namespace of the schema,
// so chrome-types does not name them: they widen an API every extension has (tabs: a Tab's url and
// title; downloads.open: downloads.open), a web platform feature (geolocation, clipboardRead) or the
// extension itself (background, unlimitedStorage).
//
// Measured in Chromium 156 on Linux, not copied from a document: an unpacked MV3 extension declaring
// each of them, then chrome.permissions.getAll() in its service worker, lists every one as granted
// (e2e TestChromiumGrantsEveryKnownPermission keeps the measurement).
var NonAPIPermissions = []string{
	"activeTab",
	"background",
	"clipboardRead",
	"clipboardWrite",
	"downloads.open",
	"downloads.shelf",
	"downloads.ui",
	"favicon",
	"geolocation",
	"identity.email",
	"tabs",
	"unlimitedStorage",
	"webRequestAuthProvider",
}

// RestrictedPermissions are manifest permissions Chrome knows but does not grant to an extension
// the user loads or installs (unpacked or from the store), so neither the schema nor
// NonAPIPermissions names them: webRequestBlocking is granted in Manifest V3 only to extensions an
// enterprise policy installs. Chromium 156 loads an unpacked extension that declares it and leaves
// it out of chrome.permissions.getAll().
var RestrictedPermissions = []string{
	"webRequestBlocking",
}

// MemberPermissions returns every permission a member of a namespace needs beyond its namespace's
// (Facts.MemberPermissions: nativeMessaging for runtime.connectNative), sorted, without duplicates.
func (s *Schema) MemberPermissions() []string {
	var out []string
	add := func(f *Facts) { out = append(out, f.MemberPermissions...) }
	var walkType func(t *TypeRef)
	walkType = func(t *TypeRef) {
		if t == nil {
			return
		}
		for i := range t.Properties {
			add(&t.Properties[i].Facts)
			walkType(&t.Properties[i].Type)
		}
		for i := range t.Methods {
			add(&t.Methods[i].Facts)
		}
	}
	for i := range s.Namespaces {
		ns := &s.Namespaces[i]
		for j := range ns.Functions {
			add(&ns.Functions[j].Facts)
		}
		for j := range ns.Events {
			add(&ns.Events[j].Facts)
		}
		for j := range ns.Properties {
			add(&ns.Properties[j].Facts)
			walkType(&ns.Properties[j].Type)
		}
		for j := range ns.Types {
			add(&ns.Types[j].Facts)
			walkType(&ns.Types[j].Type)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// KnownPermissions returns every manifest permission Chrome knows, sorted, without duplicates:
// those namespaces name ([Schema.Permissions]), those members name ([Schema.MemberPermissions]),
// [NonAPIPermissions] and [RestrictedPermissions]. Host permissions (match patterns) are not among
// them.
func (s *Schema) KnownPermissions() []string {
	out := slices.Concat(s.Permissions(), s.MemberPermissions(), NonAPIPermissions, RestrictedPermissions)
	slices.Sort(out)
	return slices.Compact(out)
}
