// Package chromeschema is Chrome's extension API schema as data: every chrome.* namespace an MV3
// extension can use, with its types, functions, events, properties, enums, permissions, platforms,
// since-versions and deprecations. Facts only, no prose.
//
// The data (chrome-api.json, embedded) is extracted by the dts sub-package from Google's
// chrome-types npm package, which Google generates from Chromium's own IDL and JSON API files; the
// version and integrity of the package it came from are in [Schema.Source] and `make schema`
// re-extracts it. Three parts of extwasm read it, none copies it: the generated Go packages under
// chrome/ (chrome/internal/gen), extwasm build's manifest checks and hostsim.
//
// What the source does not say, the schema does not either: chrome-types writes every number as
// TypeScript's number, so integer and floating-point parameters are both [KindNumber], and
// minimum, maximum and pattern constraints are not in it. index.d.ts holds MV3's surface only:
// enum values that only MV2 uses are gone (Chromium 156 still lists contextMenus.ContextType's
// BROWSER_ACTION and PAGE_ACTION), and so are members Chrome exposes beyond its published API
// (runtime.dynamicId, tts.onEvent; see the api-surface scenario).
package chromeschema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Schema is the whole API surface.
type Schema struct {
	// Source says where the facts came from.
	Source Source `json:"source"`
	// Namespaces are sorted by name ("action", "devtools.inspectedWindow", …).
	Namespaces []Namespace `json:"namespaces"`
}

// Source is the pinned package the schema was extracted from.
type Source struct {
	// Package is the npm package ("chrome-types").
	Package string `json:"package"`
	// Version is its version ("0.1.457").
	Version string `json:"version"`
	// Integrity is the npm registry's "sha512-…" integrity of its tarball.
	Integrity string `json:"integrity"`
	// File is the declaration file read inside it ("index.d.ts": MV3 APIs only).
	File string `json:"file"`
	// ChromiumCommit is the Chromium revision the package was generated from.
	ChromiumCommit string `json:"chromiumCommit,omitempty"`
}

// Namespace is one chrome.* namespace.
type Namespace struct {
	// Name is the namespace under chrome ("contextMenus", "devtools.panels").
	Name string `json:"name"`
	// Facts are the namespace's tags: since, permissions, platforms, channel, deprecation.
	Facts
	// Permissions are the manifest permissions that expose the namespace (any one of them).
	Permissions []string `json:"permissions,omitempty"`
	// Platforms are the operating systems it exists on ("chromeos", "linux", "mac", "win");
	// empty means all.
	Platforms []string `json:"platforms,omitempty"`
	// ManifestKeys are manifest keys that expose the namespace without a permission ("action").
	ManifestKeys []string `json:"manifestKeys,omitempty"`
	// MinManifest is the lowest manifest version it exists in ("MV3"), if limited.
	MinManifest string `json:"minManifest,omitempty"`
	// Channel is the release channel it is limited to ("dev", "beta"), if any.
	Channel string `json:"channel,omitempty"`
	// NoServiceWorker is set when the namespace is not available in a service worker.
	NoServiceWorker bool `json:"noServiceWorker,omitempty"`
	// InstallLocation is the install location it is limited to ("policy"), if any.
	InstallLocation string `json:"installLocation,omitempty"`

	Types      []Type     `json:"types,omitempty"`
	Functions  []Function `json:"functions,omitempty"`
	Events     []Event    `json:"events,omitempty"`
	Properties []Property `json:"properties,omitempty"`
}

// Facts are the tags every declaration may carry.
type Facts struct {
	// Since is the first Chrome version with the member ("91"); empty when the source does not say
	// (it has been there since before versions were recorded). "Pending" means not yet released.
	Since string `json:"since,omitempty"`
	// Deprecated is set for deprecated members.
	Deprecated bool `json:"deprecated,omitempty"`
	// DeprecatedSince is the Chrome version that deprecated it, when recorded.
	DeprecatedSince string `json:"deprecatedSince,omitempty"`
	// Platforms limits a member to some operating systems; empty means all of its namespace's.
	MemberPlatforms []string `json:"memberPlatforms,omitempty"`
	// MemberNoServiceWorker is set when the member is not available in a service worker although
	// its namespace is (runtime.getBackgroundPage).
	MemberNoServiceWorker bool `json:"memberNoServiceWorker,omitempty"`
	// MemberPermissions are permissions the member needs beyond its namespace's (any one of them:
	// declarativeNetRequest.onRuleMatchedDebug needs declarativeNetRequestFeedback).
	MemberPermissions []string `json:"memberPermissions,omitempty"`
	// MemberManifestKeys are manifest keys that expose the member (management's
	// installReplacementWebApp needs replacement_web_app).
	MemberManifestKeys []string `json:"memberManifestKeys,omitempty"`
	// MemberMinManifest is the lowest manifest version the member exists in ("MV3"), when it is
	// higher than its namespace's (storage.session, runtime.getContexts).
	MemberMinManifest string `json:"memberMinManifest,omitempty"`
	// MemberChannel is the release channel the member is limited to ("dev"), if any.
	MemberChannel string `json:"memberChannel,omitempty"`
}

// Kind is what a [TypeRef] is.
type Kind string

// The kinds of types.
const (
	KindString   Kind = "string"
	KindNumber   Kind = "number"
	KindBoolean  Kind = "boolean"
	KindAny      Kind = "any"      // any JSON value (TypeScript's any or unknown)
	KindVoid     Kind = "void"     // no value
	KindNull     Kind = "null"     // the literal null (in unions)
	KindBinary   Kind = "binary"   // ArrayBuffer (or a typed array)
	KindObject   Kind = "object"   // an object with Properties
	KindArray    Kind = "array"    // Items
	KindMap      Kind = "map"      // {[name: string]: Values}
	KindEnum     Kind = "enum"     // one of Enum (strings)
	KindLiteral  Kind = "literal"  // exactly Literal (a JSON value: "\"x\"", "3", "true")
	KindUnion    Kind = "union"    // one of Union
	KindRef      Kind = "ref"      // the named type Ref
	KindFunction Kind = "function" // a JavaScript function (Params, Returns)
	// KindOpaque is a type that only exists in JavaScript (Window, MediaStream, a DOM type, a
	// generic declaration's parameter): Go cannot hold it. Ref holds its TypeScript name.
	KindOpaque Kind = "opaque"
)

// TypeRef is a type as it appears at a use or in a definition.
type TypeRef struct {
	Kind Kind `json:"kind"`
	// Ref is a named type, always qualified with its namespace ("tabs.Tab", "events.Event"), for
	// KindRef; the TypeScript name for KindOpaque.
	Ref string `json:"ref,omitempty"`
	// TypeArgs are a generic ref's arguments (types.ChromeSetting<boolean>).
	TypeArgs []TypeRef `json:"typeArgs,omitempty"`
	// Enum are the values of a KindEnum, in the source's order.
	Enum []string `json:"enum,omitempty"`
	// Literal is the JSON text of a KindLiteral.
	Literal string `json:"literal,omitempty"`
	// Items is the element type of a KindArray.
	Items *TypeRef `json:"items,omitempty"`
	// MinItems and MaxItems bound a KindArray's length, from a tuple ([string, ...string[]] has
	// MinItems 1; [number, number, number, number] has both 4). Zero: no bound.
	MinItems int `json:"minItems,omitempty"`
	MaxItems int `json:"maxItems,omitempty"`
	// Values is the value type of a KindMap. On a KindObject it is the type of the properties
	// beyond the named ones ({[name: string]: any, version: string}: runtime.onUpdateAvailable).
	Values *TypeRef `json:"values,omitempty"`
	// Properties are a KindObject's members, in the source's order. On a KindRef they are members
	// the use adds to the named type (storage.sync is StorageArea & {QUOTA_BYTES: 102400, …}).
	Properties []Member `json:"properties,omitempty"`
	// Methods are a KindObject's function members (an interface with methods: StorageArea).
	Methods []Function `json:"methods,omitempty"`
	// Union are the alternatives of a KindUnion, in the source's order.
	Union []TypeRef `json:"union,omitempty"`
	// Params and Returns describe a KindFunction (Returns nil: void).
	Params  []Member `json:"params,omitempty"`
	Returns *TypeRef `json:"returns,omitempty"`
}

// Member is an object property or a parameter.
type Member struct {
	Name string `json:"name"`
	Facts
	Optional bool    `json:"optional,omitempty"`
	Type     TypeRef `json:"type"`
}

// Type is a named type of a namespace.
type Type struct {
	Name string `json:"name"`
	Facts
	// TypeParams are a generic type's parameter names (ChromeSetting<T>). Inside Type a parameter
	// is a KindOpaque whose Ref is its name; a use's TypeArgs fill them in order (missing trailing
	// ones take their TypeScript defaults, which the schema does not record).
	TypeParams []string `json:"typeParams,omitempty"`
	// Class is set for a JavaScript class (declarativeContent.PageStateMatcher): scripts construct
	// it with new chrome.<ns>.<Name>(props), props being of the type's own shape, and the API tells
	// instances from plain objects.
	Class bool    `json:"class,omitempty"`
	Type  TypeRef `json:"type"`
}

// Function is a function of a namespace (or a method of an object type).
type Function struct {
	Name string `json:"name"`
	Facts
	// Params are the parameters without the trailing callback of an Async function. A function
	// without a Promise form keeps its callback as its last parameter (a KindFunction), since that
	// is then the only way to get its result (devtools.inspectedWindow.eval). A parameter that
	// some overloads of the source omit is Optional, wherever it stands (runtime.sendMessage's
	// extensionId).
	Params []Member `json:"params,omitempty"`
	// Async is set when the function returns a Promise (and takes a callback in its other form).
	Async bool `json:"async,omitempty"`
	// Returns is what the function returns or its Promise resolves to; nil for void.
	Returns *TypeRef `json:"returns,omitempty"`
}

// Event is an event of a namespace (chrome.<ns>.<name>.addListener).
type Event struct {
	Name string `json:"name"`
	Facts
	// Params are the listener's parameters.
	Params []Member `json:"params,omitempty"`
	// ListenerReturns is what a listener may return (webRequest's BlockingResponse); nil: nothing.
	ListenerReturns *TypeRef `json:"listenerReturns,omitempty"`
	// Declarative is set for events of declarative rules (addRules, not addListener).
	Declarative bool `json:"declarative,omitempty"`
	// Conditions and Actions are the types a declarative event's rules take
	// (declarativeContent.PageStateMatcher; a union of the action classes).
	Conditions *TypeRef `json:"conditions,omitempty"`
	Actions    *TypeRef `json:"actions,omitempty"`
	// Filtered is set for events whose addListener takes a filter or extra arguments beyond the
	// listener (webRequest, webNavigation).
	Filtered bool `json:"filtered,omitempty"`
	// Filters are those addListener arguments after the listener (webRequest's filter and
	// extraInfoSpec), for a Filtered event.
	Filters []Member `json:"filters,omitempty"`
}

// Property is a non-event property of a namespace (a constant or an object such as storage.local).
type Property struct {
	Name string `json:"name"`
	Facts
	// Mutable is set for a property whose value changes over time (declared with let:
	// runtime.lastError, extension.inIncognitoContext), so that it is read when used, not once.
	Mutable bool    `json:"mutable,omitempty"`
	Type    TypeRef `json:"type"`
}

//go:embed chrome-api.json
var data []byte

var (
	loadOnce sync.Once
	loaded   *Schema
	loadErr  error
)

// Load returns the embedded schema, parsed once. The result is shared: do not modify it.
func Load() (*Schema, error) {
	loadOnce.Do(func() {
		var s Schema
		if err := json.Unmarshal(data, &s); err != nil {
			loadErr = fmt.Errorf("chromeschema: embedded chrome-api.json: %w", err)
			return
		}
		loaded = &s
	})
	return loaded, loadErr
}

// MustLoad is Load for callers that cannot go on without the schema (generators, tests).
func MustLoad() *Schema {
	s, err := Load()
	if err != nil {
		panic(err)
	}
	return s
}

// Namespace returns the namespace named name ("contextMenus"), or nil.
func (s *Schema) Namespace(name string) *Namespace {
	i, ok := slices.BinarySearchFunc(s.Namespaces, name, func(n Namespace, name string) int {
		return strings.Compare(n.Name, name)
	})
	if !ok {
		return nil
	}
	return &s.Namespaces[i]
}

// Event returns the event "<namespace>.<event>" ("alarms.onAlarm", "devtools.network.onNavigated"),
// or nil.
func (s *Schema) Event(qualified string) *Event {
	return member(s, qualified, func(ns *Namespace) []Event { return ns.Events }, func(e *Event) string { return e.Name })
}

// Function returns the function "<namespace>.<function>" ("tabs.query"), or nil.
func (s *Schema) Function(qualified string) *Function {
	return member(s, qualified, func(ns *Namespace) []Function { return ns.Functions }, func(f *Function) string { return f.Name })
}

// Type returns the named type "<namespace>.<Type>" ("tabs.Tab"), or nil.
func (s *Schema) Type(qualified string) *Type {
	return member(s, qualified, func(ns *Namespace) []Type { return ns.Types }, func(t *Type) string { return t.Name })
}

// member finds "<namespace>.<name>" among the members of a namespace that list returns.
func member[T any](s *Schema, qualified string, list func(*Namespace) []T, name func(*T) string) *T {
	i := strings.LastIndexByte(qualified, '.')
	if i < 0 {
		return nil
	}
	ns := s.Namespace(qualified[:i])
	if ns == nil {
		return nil
	}
	members := list(ns)
	for j := range members {
		if name(&members[j]) == qualified[i+1:] {
			return &members[j]
		}
	}
	return nil
}

// Permissions returns every permission any namespace names, sorted, without duplicates.
func (s *Schema) Permissions() []string {
	var out []string
	for _, ns := range s.Namespaces {
		out = append(out, ns.Permissions...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
