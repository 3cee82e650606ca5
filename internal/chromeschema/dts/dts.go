// Package dts reads the TypeScript declarations of Google's chrome-types package (index.d.ts) into
// the schema of package chromeschema. It is a hand-written tokenizer and recursive-descent parser
// for the regular subset chrome-types emits, not a TypeScript parser: anything outside that subset
// is an error naming its line, so that a change in the generator is noticed rather than dropped.
//
// The subset and what each construct becomes:
//
//   - declare namespace chrome { export namespace a.b { … } }: the namespace "a.b". A namespace
//     renamed by export {_debugger as debugger} takes the new name; so does a function renamed
//     the same way (devtools.inspectedWindow's _eval).
//   - Other top-level declarations are helpers, not namespaces: a type of declare namespace usb or
//     browserAction is inlined where chrome refers to it; a top-level empty interface (Entry,
//     DOMFileSystem) is a DOM stub and becomes [chromeschema.KindOpaque]; CustomChromeEvent is
//     checked for its shape and read at its uses.
//   - export type X = "a" | "b": an enum; = {…}: an object; any other alias: its type.
//     export interface X<T> and export class X: an object with Properties and Methods (a class
//     has Type.Class set); its type parameters are KindOpaque named uses inside it.
//   - export const onX: events.Event<(…) => R>: an Event (events.Event<never, C, A> is a
//     declarative one); CustomChromeEvent<(callback: L, filter…) => void>: a Filtered Event with
//     L's parameters and the rest as Filters. Any other export const: a Property.
//   - export function overloads: one Function (see [chromeschema.Function]); a generic function's
//     type parameters become their constraint, or KindAny.
//   - Types: primitives; any/unknown: any; void/undefined: void; ArrayBuffer and typed arrays:
//     binary; T[], Array<T>, tuples: arrays (a tuple's length as bounds, mixed elements as a
//     union); {[name: string]: T}: map; literals; unions (of string literals only: enum);
//     Name & {…}: the ref with extra Properties; function types; Promise<T> outside a function's
//     own result: KindOpaque "Promise". Names resolve as in TypeScript, innermost namespace first,
//     and are written qualified ("tabs.Tab"); an undeclared name is an error unless it is one of
//     [Globals].
//
// Doc comments are read only for their tags (@since, @deprecated, @chrome-permission, …); their
// prose never reaches the schema. A tag the parser does not know is an error.
package dts

import (
	"fmt"
	"regexp"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

var builtAt = regexp.MustCompile(`(?m)^// Built at ([0-9a-f]{40})\s*$`)

// Parse reads a chrome-types declaration file. It returns the chrome namespaces sorted by name and
// the Chromium commit of the file's "// Built at" line ("" when absent).
func Parse(src []byte) (namespaces []chromeschema.Namespace, chromiumCommit string, err error) {
	if m := builtAt.FindSubmatch(src); m != nil {
		chromiumCommit = string(m[1])
	}
	toks, docs, err := lex(string(src))
	if err != nil {
		return nil, "", err
	}
	p := &parser{toks: toks, docs: docs}
	top, err := p.parseFile()
	if err != nil {
		return nil, "", err
	}
	// Tags on a doc comment that no declaration claimed (before a "}" or inside a type the parser
	// reads without docs) would otherwise vanish.
	for _, d := range docs {
		if !d.used && !d.tags.empty() {
			return nil, "", fmt.Errorf("line %d: doc comment with tags belongs to no declaration", d.line)
		}
	}
	m := &mapper{docs: docs}
	namespaces, err = m.mapFile(top)
	if err != nil {
		return nil, "", err
	}
	return namespaces, chromiumCommit, nil
}
