package dts

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// prelude is the part of chrome-types the snippets lean on: events.Event, the CustomChromeEvent
// alias and a helper namespace, in the source's own spelling.
const prelude = `// Built at 44e2778277b858861c2fe7fc02969a94b02f14dc
declare namespace usb {
  interface Device {
    /** An opaque ID. */
    device: number;
  }
}
interface Entry {}
type CustomChromeEvent<H extends (...args: any) => void> =
  Omit<chrome.events.Event<H>, 'addListener'> & {
    readonly addListener: H;
  };
declare namespace chrome {
  export namespace events {
    export interface Event<H extends (...args: any) => void, C = void, A = void> {
      addListener(
        callback: H,
      ): void;
    }
  }
  export namespace tabs {
    export interface Tab {
      id?: number;
    }
  }
`

// snippet wraps body as the namespace x of chrome; its first line is line 1 of body.
func snippet(body string) string {
	return prelude + "  export namespace x {\n" + body + "\n  }\n}\n"
}

// bodyLine is the file line of body's line n, for the error tests.
func bodyLine(n int) int { return strings.Count(prelude, "\n") + 1 + n }

func parseX(t *testing.T, body string) chromeschema.Namespace {
	t.Helper()
	nss, commit, err := Parse([]byte(snippet(body)))
	require.NoError(t, err)
	require.Equal(t, "44e2778277b858861c2fe7fc02969a94b02f14dc", commit)
	for _, ns := range nss {
		if ns.Name == "x" {
			return ns
		}
	}
	require.FailNow(t, "no namespace x")
	return chromeschema.Namespace{}
}

func ref(q string, args ...chromeschema.TypeRef) chromeschema.TypeRef {
	return chromeschema.TypeRef{Kind: chromeschema.KindRef, Ref: q, TypeArgs: args}
}

func kind(k chromeschema.Kind) chromeschema.TypeRef { return chromeschema.TypeRef{Kind: k} }

func ptr(t chromeschema.TypeRef) *chromeschema.TypeRef { return &t }

func mem(name string, opt bool, t chromeschema.TypeRef) chromeschema.Member {
	return chromeschema.Member{Name: name, Optional: opt, Type: t}
}

var (
	tString = kind(chromeschema.KindString)
	tNumber = kind(chromeschema.KindNumber)
	tBool   = kind(chromeschema.KindBoolean)
	tAny    = kind(chromeschema.KindAny)
)

func TestTypes(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      chromeschema.TypeRef
	}{
		{"enum", `export type T = "a" | "b_c";`, chromeschema.TypeRef{Kind: chromeschema.KindEnum, Enum: []string{"a", "b_c"}}},
		{"object alias", `export type T = { a: string, b?: number };`, chromeschema.TypeRef{Kind: chromeschema.KindObject,
			Properties: []chromeschema.Member{mem("a", false, tString), mem("b", true, tNumber)}}},
		{"interface", "export interface T {\n /** @since Chrome 91 */\n a: boolean;\n}", chromeschema.TypeRef{Kind: chromeschema.KindObject,
			Properties: []chromeschema.Member{{Name: "a", Facts: chromeschema.Facts{Since: "91"}, Type: tBool}}}},
		{"map", `export type T = {[name: string]: number};`, chromeschema.TypeRef{Kind: chromeschema.KindMap, Values: ptr(tNumber)}},
		{"object with index signature", `export type T = {[name: string]: any, version: string};`, chromeschema.TypeRef{Kind: chromeschema.KindObject,
			Properties: []chromeschema.Member{mem("version", false, tString)}, Values: ptr(tAny)}},
		{"array", `export type T = string[];`, chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: ptr(tString)}},
		{"Array<T>", `export type T = Array<number>;`, chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: ptr(tNumber)}},
		{"fixed tuple", `export type T = [number, number, number, number];`, chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: ptr(tNumber), MinItems: 4, MaxItems: 4}},
		{"non-empty tuple", `export type T = [string, ...string[]];`, chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: ptr(tString), MinItems: 1}},
		{"mixed tuple", `export type T = [string, number];`, chromeschema.TypeRef{Kind: chromeschema.KindArray, MinItems: 2, MaxItems: 2,
			Items: ptr(chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: []chromeschema.TypeRef{tString, tNumber}})}},
		{"union", `export type T = string | (number | null) | undefined;`, chromeschema.TypeRef{Kind: chromeschema.KindUnion,
			Union: []chromeschema.TypeRef{tString, tNumber, kind(chromeschema.KindNull), kind(chromeschema.KindVoid)}}},
		{"union with a string literal", `export type T = "a" | number;`, chromeschema.TypeRef{Kind: chromeschema.KindUnion,
			Union: []chromeschema.TypeRef{{Kind: chromeschema.KindLiteral, Literal: `"a"`}, tNumber}}},
		{"binary", `export type T = ArrayBuffer;`, kind(chromeschema.KindBinary)},
		{"typed array", `export type T = Uint8Array;`, kind(chromeschema.KindBinary)},
		{"unknown", `export type T = unknown;`, tAny},
		{"function", `export type T = (a: string, b?: number) => boolean;`, chromeschema.TypeRef{Kind: chromeschema.KindFunction,
			Params: []chromeschema.Member{mem("a", false, tString), mem("b", true, tNumber)}, Returns: ptr(tBool)}},
		{"void function", `export type T = () => void;`, kind(chromeschema.KindFunction)},
		{"bare name is qualified", "export type U = string;\nexport type T = U;", ref("x.U")},
		{"qualified name", `export type T = tabs.Tab;`, ref("tabs.Tab")},
		{"global is opaque", `export type T = Window;`, chromeschema.TypeRef{Kind: chromeschema.KindOpaque, Ref: "Window"}},
		{"DOM stub is opaque", `export type T = Entry;`, chromeschema.TypeRef{Kind: chromeschema.KindOpaque, Ref: "Entry"}},
		{"helper is inlined", `export type T = usb.Device;`, chromeschema.TypeRef{Kind: chromeschema.KindObject,
			Properties: []chromeschema.Member{mem("device", false, tNumber)}}},
		{"intersection", `export type T = tabs.Tab & { QUOTA: 5 };`, chromeschema.TypeRef{Kind: chromeschema.KindRef, Ref: "tabs.Tab",
			Properties: []chromeschema.Member{mem("QUOTA", false, chromeschema.TypeRef{Kind: chromeschema.KindLiteral, Literal: "5"})}}},
		{"Promise in a listener", `export type T = () => boolean | Promise<any>;`, chromeschema.TypeRef{Kind: chromeschema.KindFunction,
			Returns: ptr(chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: []chromeschema.TypeRef{tBool,
				{Kind: chromeschema.KindOpaque, Ref: "Promise", TypeArgs: []chromeschema.TypeRef{tAny}}}})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns := parseX(t, tc.src)
			require.NotEmpty(t, ns.Types)
			got := ns.Types[len(ns.Types)-1]
			assert.Equal(t, "T", got.Name)
			assert.Equal(t, tc.want, got.Type)
		})
	}
}

func TestGenericInterfaceWithMethods(t *testing.T) {
	ns := parseX(t, `
    export interface Setting<T> {
      get(
        details: {},
      ): Promise<T>;
      get(
        details: {},
        callback?: (
          value: T,
        ) => void,
      ): void;
      onChange: events.Event<(
        value: T,
      ) => void>;
    }
    export const flag: Setting<boolean>;`)
	require.Len(t, ns.Types, 1)
	st := ns.Types[0]
	assert.Equal(t, []string{"T"}, st.TypeParams)
	tParam := chromeschema.TypeRef{Kind: chromeschema.KindOpaque, Ref: "T"}
	require.Len(t, st.Type.Methods, 1)
	assert.Equal(t, chromeschema.Function{Name: "get", Async: true, Returns: &tParam,
		Params: []chromeschema.Member{mem("details", false, kind(chromeschema.KindObject))}}, st.Type.Methods[0])
	assert.Equal(t, []chromeschema.Member{mem("onChange", false, ref("events.Event", chromeschema.TypeRef{
		Kind: chromeschema.KindFunction, Params: []chromeschema.Member{mem("value", false, tParam)}}))}, st.Type.Properties)
	require.Len(t, ns.Properties, 1)
	assert.Equal(t, ref("x.Setting", tBool), ns.Properties[0].Type)
}

func TestClass(t *testing.T) {
	ns := parseX(t, `
    export class Matcher {
      constructor(arg: Matcher);
      css?: string[];
    }`)
	require.Len(t, ns.Types, 1)
	assert.True(t, ns.Types[0].Class)
	assert.Equal(t, []chromeschema.Member{mem("css", true, chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: &tString})},
		ns.Types[0].Type.Properties)
}

func TestFunctions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      chromeschema.Function
	}{
		{"promise and callback", `
    export function get(
      id: number,
    ): Promise<string>;
    export function get(
      id: number,
      callback?: (
        result: string,
      ) => void,
    ): void;`, chromeschema.Function{Name: "get", Async: true, Returns: &tString,
			Params: []chromeschema.Member{mem("id", false, tNumber)}}},
		{"promise of void", `
    export function clear(): Promise<void>;
    export function clear(
      callback?: () => void,
    ): void;`, chromeschema.Function{Name: "clear", Async: true}},
		{"sync", `export function getURL(path: string): string;`, chromeschema.Function{Name: "getURL", Returns: &tString,
			Params: []chromeschema.Member{mem("path", false, tString)}}},
		{"sync void", `export function show(): void;`, chromeschema.Function{Name: "show"}},
		{"callback only keeps its callback", `export function listen(port: number, callback: (result: number) => void): void;`,
			chromeschema.Function{Name: "listen", Params: []chromeschema.Member{mem("port", false, tNumber),
				mem("callback", false, chromeschema.TypeRef{Kind: chromeschema.KindFunction, Params: []chromeschema.Member{mem("result", false, tNumber)}})}}},
		{"optional leading parameter", `
    export function sendMessage(
      extensionId: string,
      message: any,
      options?: {},
    ): Promise<any>;
    export function sendMessage(
      message: any,
      options?: {},
    ): Promise<any>;
    export function sendMessage(
      extensionId: string,
      message: any,
      options?: {},
      callback?: (
        response: any,
      ) => void,
    ): void;
    export function sendMessage(
      message: any,
      options?: {},
      callback?: (
        response: any,
      ) => void,
    ): void;`, chromeschema.Function{Name: "sendMessage", Async: true, Returns: &tAny, Params: []chromeschema.Member{
			mem("extensionId", true, tString), mem("message", false, tAny), mem("options", true, kind(chromeschema.KindObject))}}},
		{"optional middle parameter", `
    export function move(a: number, b: string, c: boolean): void;
    export function move(a: number, c: boolean): void;`, chromeschema.Function{Name: "move", Params: []chromeschema.Member{
			mem("a", false, tNumber), mem("b", true, tString), mem("c", false, tBool)}}},
		{"tags", "/**\n * Prose.\n *\n * @since Chrome 99\n * @deprecated Use y.\n * @chrome-deprecated-since Chrome 120\n * @chrome-platform chromeos\n * @chrome-permission p\n * @chrome-channel dev\n * @chrome-min-manifest MV3\n * @chrome-manifest k\n * @chrome-disallow-service-workers\n * @param a Prose.\n * @returns Prose.\n */\nexport function f(): void;",
			chromeschema.Function{Name: "f", Facts: chromeschema.Facts{Since: "99", Deprecated: true, DeprecatedSince: "120",
				MemberPlatforms: []string{"chromeos"}, MemberPermissions: []string{"p"}, MemberChannel: "dev",
				MemberMinManifest: "MV3", MemberManifestKeys: []string{"k"}, MemberNoServiceWorker: true}}},
		{"pending", "/** @since Pending */\nexport function f(): void;", chromeschema.Function{Name: "f", Facts: chromeschema.Facts{Since: "Pending"}}},
		{"generic function", `export function run<Args extends any[], Result>(args: Args): Promise<Result>;`,
			chromeschema.Function{Name: "run", Async: true, Returns: &tAny, Params: []chromeschema.Member{
				mem("args", false, chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: &tAny})}}},
		{"parameter tags", "export function f(\n /** @since Chrome 85 */\n a: string,\n): void;", chromeschema.Function{Name: "f",
			Params: []chromeschema.Member{{Name: "a", Facts: chromeschema.Facts{Since: "85"}, Type: tString}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns := parseX(t, tc.src)
			require.Len(t, ns.Functions, 1)
			assert.Equal(t, tc.want, ns.Functions[0])
		})
	}
}

func TestEvents(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      chromeschema.Event
	}{
		{"plain", `export const onClicked: events.Event<(
      info: string,
      tab?: tabs.Tab,
    ) => void>;`, chromeschema.Event{Name: "onClicked", Params: []chromeschema.Member{
			mem("info", false, tString), mem("tab", true, ref("tabs.Tab"))}}},
		{"no params", `export const onStartup: events.Event<() => void>;`, chromeschema.Event{Name: "onStartup"}},
		{"listener returns", `export const onMessage: events.Event<(m: any) => boolean | undefined>;`, chromeschema.Event{Name: "onMessage",
			Params:          []chromeschema.Member{mem("m", false, tAny)},
			ListenerReturns: &chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: []chromeschema.TypeRef{tBool, kind(chromeschema.KindVoid)}}}},
		{"declarative", "export class C { constructor(arg: C); }\nexport class A { constructor(arg: A); }\nexport class B { constructor(arg: B); }\n" +
			`export const onPageChanged: events.Event<never, C, A | B>;`, chromeschema.Event{Name: "onPageChanged", Declarative: true,
			Conditions: ptr(ref("x.C")), Actions: &chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: []chromeschema.TypeRef{ref("x.A"), ref("x.B")}}}},
		{"filtered", `export type Filter = { urls: string[] };
    export type Response = { cancel?: boolean };
    export const onBeforeRequest: CustomChromeEvent<(
      callback: (
        details: {
          url: string,
        },
      ) => Response | undefined,
      filter: Filter,
      extraInfoSpec?: string[],
    ) => void>;`, chromeschema.Event{Name: "onBeforeRequest", Filtered: true,
			Params: []chromeschema.Member{mem("details", false, chromeschema.TypeRef{Kind: chromeschema.KindObject,
				Properties: []chromeschema.Member{mem("url", false, tString)}})},
			ListenerReturns: &chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: []chromeschema.TypeRef{ref("x.Response"), kind(chromeschema.KindVoid)}},
			Filters: []chromeschema.Member{mem("filter", false, ref("x.Filter")),
				mem("extraInfoSpec", true, chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: &tString})}}},
		{"tags", "/**\n * @since Chrome 44\n * @deprecated\n */\nexport const onOld: events.Event<() => void>;",
			chromeschema.Event{Name: "onOld", Facts: chromeschema.Facts{Since: "44", Deprecated: true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns := parseX(t, tc.src)
			require.Len(t, ns.Events, 1)
			assert.Equal(t, tc.want, ns.Events[0])
			assert.Empty(t, ns.Properties)
		})
	}
}

func TestProperties(t *testing.T) {
	ns := parseX(t, `
    export const MAX: 30000;
    export const NONE: -1;
    export const ID: "_dynamic";
    export const local: tabs.Tab;
    export let lastError: { message?: string };`)
	assert.Equal(t, []chromeschema.Property{
		{Name: "MAX", Type: chromeschema.TypeRef{Kind: chromeschema.KindLiteral, Literal: "30000"}},
		{Name: "NONE", Type: chromeschema.TypeRef{Kind: chromeschema.KindLiteral, Literal: "-1"}},
		{Name: "ID", Type: chromeschema.TypeRef{Kind: chromeschema.KindLiteral, Literal: `"_dynamic"`}},
		{Name: "local", Type: ref("tabs.Tab")},
		{Name: "lastError", Mutable: true, Type: chromeschema.TypeRef{Kind: chromeschema.KindObject,
			Properties: []chromeschema.Member{mem("message", true, tString)}}},
	}, ns.Properties)
}

func TestNamespaces(t *testing.T) {
	src := `declare namespace chrome {
  /**
   * Prose.
   *
   * @since Chrome 88
   * @chrome-permission debugger
   * @chrome-permission other
   * @chrome-platform linux
   * @chrome-manifest action
   * @chrome-min-manifest MV3
   * @chrome-channel dev
   * @chrome-disallow-service-workers
   * @chrome-install-location policy
   */
  namespace _debugger {
    export interface Debuggee {
      tabId?: number;
    }
    export function attach(target: Debuggee): void;
  }
  export {_debugger as debugger};
  export namespace devtools.inspectedWindow {
    export {_eval as eval};
    function _eval(expression: string): void;
    export const tabId: number;
  }
  export namespace alpha {
    export type T = debugger.Debuggee;
  }
}
`
	nss, commit, err := Parse([]byte(src))
	require.NoError(t, err)
	assert.Empty(t, commit)
	require.Len(t, nss, 3)
	assert.Equal(t, []string{"alpha", "debugger", "devtools.inspectedWindow"},
		[]string{nss[0].Name, nss[1].Name, nss[2].Name})
	dbg := nss[1]
	assert.Equal(t, chromeschema.Namespace{Name: "debugger", Facts: chromeschema.Facts{Since: "88"},
		Permissions: []string{"debugger", "other"}, Platforms: []string{"linux"}, ManifestKeys: []string{"action"},
		MinManifest: "MV3", Channel: "dev", NoServiceWorker: true, InstallLocation: "policy",
		Types: dbg.Types, Functions: dbg.Functions}, dbg)
	require.Len(t, dbg.Functions, 1)
	assert.Equal(t, ref("debugger.Debuggee"), dbg.Functions[0].Params[0].Type)
	assert.Equal(t, ref("debugger.Debuggee"), nss[0].Types[0].Type)
	require.Len(t, nss[2].Functions, 1)
	assert.Equal(t, "eval", nss[2].Functions[0].Name)
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int // of the body; 0: no line check
		want      string
	}{
		{"unknown declaration", "export const a: string;\nexport enum E { A }", 2, "unsupported declaration"},
		{"unknown type syntax", "export type T = keyof tabs.Tab;", 1, `want ";", found "tabs"`},
		{"missing type", "export type T = string;\nexport const a: tabs.Window;", 2, "unknown type tabs.Window"},
		{"missing bare type", "export const a: Missing;", 1, "unknown type Missing"},
		{"unknown tag", "/** @chrome-new-fact x */\nexport const a: string;", 1, "unknown tag"},
		{"bad since", "/** @since 91 */\nexport const a: string;", 1, "@since"},
		{"stray tags", "export const a: string;\n/** @since Chrome 1 */\n", 2, "belongs to no declaration"},
		{"namespace tag on a member", "/** @chrome-install-location policy */\nexport const a: string;", 2, "on a member"},
		{"overloads disagree", "export function f(a: string): void;\nexport function f(a: number): void;", 2, "disagree on the type of a"},
		{"extends", "export interface A {}\nexport interface B extends A {}", 2, "extends"},
		{"missing semicolon", "export type T = {", 0, `want ";", found "}"`},
		{"unexported", "function f(): void;", 1, "neither exported nor renamed"},
		{"wrong type argument count", "export const a: tabs.Tab<string>;", 1, "type parameters"},
		{"unsupported intersection", "export type T = string & number;", 1, "intersection"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Parse([]byte(snippet(tc.src)))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			if tc.line > 0 {
				assert.True(t, strings.HasPrefix(err.Error(), "line "+strconv.Itoa(bodyLine(tc.line))+":"), "%v, want line %d", err, bodyLine(tc.line))
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`export type T = "a" | "b";`,
		`export type T = [string, ...string[]];`,
		`export type T = {[name: string]: number, a?: tabs.Tab};`,
		`export function f(a?: string, b: (x: number) => void): Promise<void>;`,
		`export const onX: events.Event<(a: string) => void>;`,
		`export const onY: CustomChromeEvent<(callback: (d: {}) => void, filter: string[]) => void>;`,
		"/** @since Chrome 1 */\nexport class C { constructor(arg: C); }",
		`export const s: tabs.Tab & { Q: 1 };`,
	} {
		f.Add(snippet(s))
	}
	f.Add("declare namespace chrome { namespace _d {} export {_d as d}; }")
	f.Fuzz(func(t *testing.T, src string) {
		nss, _, err := Parse([]byte(src))
		if err == nil {
			s := chromeschema.Schema{Namespaces: nss}
			// Whatever parses must also hold together.
			if err := s.Validate(); err != nil {
				t.Fatalf("parsed but invalid: %v", err)
			}
		}
	})
}
