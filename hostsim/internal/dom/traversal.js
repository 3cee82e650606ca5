// NodeFilter, TreeWalker and document.createTreeWalker, as the DOM standard's traversal section
// specifies them, over the realm's own Node accessors (taken before any page script runs, so a page
// that overrides them does not change how walkers move). NodeIterator is in Go (iterator.go): the
// tree's removals must update it.
(function (global, Node, Document) {
	"use strict";
	const getter = (name) => Object.getOwnPropertyDescriptor(Node.prototype, name).get;
	const parentOf = getter("parentNode"), firstOf = getter("firstChild"), lastOf = getter("lastChild"),
		nextOf = getter("nextSibling"), prevOf = getter("previousSibling"), typeOf = getter("nodeType");
	const call = (g, n) => g.call(n);
	const ACCEPT = 1, REJECT = 2, SKIP = 3;

	const NodeFilter = {};
	for (const [k, v] of Object.entries({FILTER_ACCEPT: 1, FILTER_REJECT: 2, FILTER_SKIP: 3,
		SHOW_ALL: 0xFFFFFFFF, SHOW_ELEMENT: 0x1, SHOW_ATTRIBUTE: 0x2, SHOW_TEXT: 0x4, SHOW_CDATA_SECTION: 0x8,
		SHOW_ENTITY_REFERENCE: 0x10, SHOW_ENTITY: 0x20, SHOW_PROCESSING_INSTRUCTION: 0x40, SHOW_COMMENT: 0x80,
		SHOW_DOCUMENT: 0x100, SHOW_DOCUMENT_TYPE: 0x200, SHOW_DOCUMENT_FRAGMENT: 0x400, SHOW_NOTATION: 0x800})) {
		Object.defineProperty(NodeFilter, k, {value: v, enumerable: true});
	}
	Object.defineProperty(global, "NodeFilter", {value: NodeFilter, writable: true, configurable: true});

	const state = new WeakMap(); // walker -> {root, whatToShow, filter, current, active}
	const token = Symbol("TreeWalker");

	// filterNode is the standard's "filter": whatToShow first, then the callback, which must not
	// re-enter the same walker.
	function filterNode(s, node) {
		if (s.active) throw new DOMException("Failed to execute '" + s.op + "' on 'TreeWalker': Filter function can't be recursive", "InvalidStateError");
		const n = call(typeOf, node) - 1;
		if (!(s.whatToShow & (1 << n) >>> 0)) return SKIP;
		if (s.filter === null) return ACCEPT;
		s.active = true;
		try {
			let r;
			if (typeof s.filter === "function") {
				r = s.filter.call(undefined, node);
			} else {
				const f = s.filter.acceptNode;
				if (typeof f !== "function") throw new TypeError("Failed to execute '" + s.op + "' on 'TreeWalker': Failed to execute 'acceptNode' on 'NodeFilter': The provided callback is not callable.");
				r = f.call(s.filter, node);
			}
			return Number(r) & 0xFFFF;
		} finally {
			s.active = false;
		}
	}

	// me is the walker's state, noting which operation runs, for the filter's error messages.
	function me(w, op) {
		const s = state.get(w);
		if (!s) throw new TypeError("Illegal invocation");
		if (op) s.op = op;
		return s;
	}

	function traverseChildren(s, first) {
		let node = call(first ? firstOf : lastOf, s.current);
		while (node !== null) {
			const result = filterNode(s, node);
			if (result === ACCEPT) { s.current = node; return node; }
			if (result === SKIP) {
				const child = call(first ? firstOf : lastOf, node);
				if (child !== null) { node = child; continue; }
			}
			while (node !== null) {
				const sibling = call(first ? nextOf : prevOf, node);
				if (sibling !== null) { node = sibling; break; }
				const parent = call(parentOf, node);
				if (parent === null || parent === s.root || parent === s.current) return null;
				node = parent;
			}
		}
		return null;
	}

	function traverseSiblings(s, next) {
		let node = s.current;
		if (node === s.root) return null;
		for (;;) {
			let sibling = call(next ? nextOf : prevOf, node);
			while (sibling !== null) {
				node = sibling;
				const result = filterNode(s, node);
				if (result === ACCEPT) { s.current = node; return node; }
				sibling = call(next ? firstOf : lastOf, node);
				if (result === REJECT || sibling === null) sibling = call(next ? nextOf : prevOf, node);
			}
			node = call(parentOf, node);
			if (node === null || node === s.root) return null;
			if (filterNode(s, node) === ACCEPT) return null;
		}
	}

	class TreeWalker {
		constructor(t) {
			if (t !== token) throw new TypeError("Failed to construct 'TreeWalker': Illegal constructor");
		}
		get root() { return me(this).root; }
		get whatToShow() { return me(this).whatToShow; }
		get filter() { return me(this).filter; }
		get currentNode() { return me(this).current; }
		set currentNode(n) {
			if (!(n instanceof Node)) throw new TypeError("Failed to set the 'currentNode' property on 'TreeWalker': Failed to convert value to 'Node'.");
			me(this).current = n;
		}
		parentNode() {
			const s = me(this, "parentNode");
			let node = s.current;
			while (node !== null && node !== s.root) {
				node = call(parentOf, node);
				if (node !== null && filterNode(s, node) === ACCEPT) { s.current = node; return node; }
			}
			return null;
		}
		firstChild() { return traverseChildren(me(this, "firstChild"), true); }
		lastChild() { return traverseChildren(me(this, "lastChild"), false); }
		previousSibling() { return traverseSiblings(me(this, "previousSibling"), false); }
		nextSibling() { return traverseSiblings(me(this, "nextSibling"), true); }
		previousNode() {
			const s = me(this, "previousNode");
			let node = s.current;
			while (node !== s.root) {
				let sibling = call(prevOf, node);
				while (sibling !== null) {
					node = sibling;
					let result = filterNode(s, node);
					while (result !== REJECT && call(lastOf, node) !== null) {
						node = call(lastOf, node);
						result = filterNode(s, node);
					}
					if (result === ACCEPT) { s.current = node; return node; }
					sibling = call(prevOf, node);
				}
				const parent = call(parentOf, node);
				if (node === s.root || parent === null) return null;
				node = parent;
				if (filterNode(s, node) === ACCEPT) { s.current = node; return node; }
			}
			return null;
		}
		nextNode() {
			const s = me(this, "nextNode");
			let node = s.current, result = ACCEPT;
			for (;;) {
				while (result !== REJECT && call(firstOf, node) !== null) {
					node = call(firstOf, node);
					result = filterNode(s, node);
					if (result === ACCEPT) { s.current = node; return node; }
				}
				let temporary = node, found = false;
				while (temporary !== null) {
					if (temporary === s.root) return null;
					const sibling = call(nextOf, temporary);
					if (sibling !== null) { node = sibling; found = true; break; }
					temporary = call(parentOf, temporary);
				}
				if (!found) return null;
				result = filterNode(s, node);
				if (result === ACCEPT) { s.current = node; return node; }
			}
		}
	}
	Object.defineProperty(TreeWalker.prototype, Symbol.toStringTag, {value: "TreeWalker", configurable: true});
	Object.defineProperty(global, "TreeWalker", {value: TreeWalker, writable: true, configurable: true});

	function createTreeWalker(root, whatToShow, filter) {
		if (arguments.length < 1) throw new TypeError("Failed to execute 'createTreeWalker' on 'Document': 1 argument required, but only 0 present.");
		if (!(root instanceof Node)) throw new TypeError("Failed to execute 'createTreeWalker' on 'Document': parameter 1 is not of type 'Node'.");
		whatToShow = whatToShow === undefined ? 0xFFFFFFFF : Number(whatToShow) >>> 0;
		if (filter === undefined) filter = null;
		if (filter !== null && typeof filter !== "object" && typeof filter !== "function") {
			throw new TypeError("Failed to execute 'createTreeWalker' on 'Document': The provided value is not of type 'NodeFilter'.");
		}
		const w = new TreeWalker(token);
		state.set(w, {root, whatToShow, filter, current: root, active: false, op: ""});
		return w;
	}
	Object.defineProperty(createTreeWalker, "length", {value: 1});
	Object.defineProperty(Document.prototype, "createTreeWalker", {value: createTreeWalker, writable: true, configurable: true, enumerable: true});
})
