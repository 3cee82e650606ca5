// Node 20's path module (POSIX). The working directory is process.cwd().
"use strict";

function assertPath(p, name) {
	if (typeof p !== "string") {
		const err = new TypeError('The "' + name + '" argument must be of type string. Received ' + (p === null ? "null" : typeof p === "object" ? "an instance of " + ((p.constructor && p.constructor.name) || "Object") : "type " + typeof p + " (" + String(p) + ")"));
		err.code = "ERR_INVALID_ARG_TYPE";
		throw err;
	}
}

// normalizeString resolves "." and ".." segments; allowAboveRoot keeps leading ".." of a
// relative path.
function normalizeString(p, allowAboveRoot) {
	const out = [];
	for (const seg of p.split("/")) {
		if (seg === "" || seg === ".") {
			continue;
		}
		if (seg === "..") {
			if (out.length > 0 && out[out.length - 1] !== "..") {
				out.pop();
			} else if (allowAboveRoot) {
				out.push("..");
			}
			continue;
		}
		out.push(seg);
	}
	return out.join("/");
}

const posix = {
	sep: "/",
	delimiter: ":",
	resolve(...args) {
		let resolved = "";
		let absolute = false;
		for (let i = args.length - 1; i >= -1 && !absolute; i--) {
			const p = i >= 0 ? args[i] : process.cwd();
			assertPath(p, "paths[" + i + "]");
			if (p.length === 0) {
				continue;
			}
			resolved = p + "/" + resolved;
			absolute = p.charCodeAt(0) === 47;
		}
		resolved = normalizeString(resolved, !absolute);
		if (absolute) {
			return "/" + resolved;
		}
		return resolved.length > 0 ? resolved : ".";
	},
	normalize(p) {
		assertPath(p, "path");
		if (p.length === 0) {
			return ".";
		}
		const absolute = p.charCodeAt(0) === 47;
		const trailing = p.charCodeAt(p.length - 1) === 47;
		let out = normalizeString(p, !absolute);
		if (out.length === 0) {
			if (absolute) {
				return "/";
			}
			return trailing ? "./" : ".";
		}
		if (trailing) {
			out += "/";
		}
		return absolute ? "/" + out : out;
	},
	isAbsolute(p) {
		assertPath(p, "path");
		return p.length > 0 && p.charCodeAt(0) === 47;
	},
	join(...args) {
		if (args.length === 0) {
			return ".";
		}
		let joined;
		for (const a of args) {
			assertPath(a, "path");
			if (a.length > 0) {
				joined = joined === undefined ? a : joined + "/" + a;
			}
		}
		return joined === undefined ? "." : posix.normalize(joined);
	},
	relative(from, to) {
		assertPath(from, "from");
		assertPath(to, "to");
		if (from === to) {
			return "";
		}
		from = posix.resolve(from);
		to = posix.resolve(to);
		if (from === to) {
			return "";
		}
		const f = from === "/" ? [] : from.slice(1).split("/");
		const t = to === "/" ? [] : to.slice(1).split("/");
		let i = 0;
		while (i < f.length && i < t.length && f[i] === t[i]) {
			i++;
		}
		return [...f.slice(i).map(() => ".."), ...t.slice(i)].join("/");
	},
	toNamespacedPath(p) {
		return p;
	},
	dirname(p) {
		assertPath(p, "path");
		if (p.length === 0) {
			return ".";
		}
		const hasRoot = p.charCodeAt(0) === 47;
		let end = -1;
		let matchedSlash = true;
		for (let i = p.length - 1; i >= 1; --i) {
			if (p.charCodeAt(i) === 47) {
				if (!matchedSlash) {
					end = i;
					break;
				}
			} else {
				matchedSlash = false;
			}
		}
		if (end === -1) {
			return hasRoot ? "/" : ".";
		}
		if (hasRoot && end === 1) {
			return "//";
		}
		return p.slice(0, end);
	},
	basename(p, suffix) {
		if (suffix !== undefined) {
			assertPath(suffix, "ext");
		}
		assertPath(p, "path");
		let end = p.length;
		while (end > 0 && p.charCodeAt(end - 1) === 47) {
			end--;
		}
		if (end === 0) {
			return "";
		}
		const start = p.lastIndexOf("/", end - 1) + 1;
		let base = p.slice(start, end);
		if (suffix !== undefined && suffix.length > 0 && suffix !== base && base.endsWith(suffix)) {
			base = base.slice(0, base.length - suffix.length);
		}
		return base;
	},
	extname(p) {
		assertPath(p, "path");
		const base = posix.basename(p);
		const dot = base.lastIndexOf(".");
		if (dot <= 0 || (dot === 1 && base === "..")) {
			return "";
		}
		// "a." has the extension "."; a name that is only dots has none.
		if (/^\.+$/.test(base)) {
			return "";
		}
		return base.slice(dot);
	},
	format(obj) {
		if (obj === null || typeof obj !== "object") {
			const err = new TypeError('The "pathObject" argument must be of type object. Received ' + (obj === null ? "null" : "type " + typeof obj + " (" + String(obj) + ")"));
			err.code = "ERR_INVALID_ARG_TYPE";
			throw err;
		}
		const dir = obj.dir || obj.root;
		const base = obj.base || (obj.name || "") + (obj.ext ? (obj.ext[0] === "." ? "" : ".") + obj.ext : "");
		if (!dir) {
			return base;
		}
		return dir === obj.root ? dir + base : dir + "/" + base;
	},
	parse(p) {
		assertPath(p, "path");
		const ret = { root: "", dir: "", base: "", ext: "", name: "" };
		if (p.length === 0) {
			return ret;
		}
		if (p.charCodeAt(0) === 47) {
			ret.root = "/";
		}
		ret.base = posix.basename(p);
		ret.ext = posix.extname(p);
		ret.name = ret.ext ? ret.base.slice(0, ret.base.length - ret.ext.length) : ret.base;
		const trimmed = p.replace(/\/+$/, "");
		const slash = trimmed.lastIndexOf("/");
		if (slash > 0) {
			ret.dir = trimmed.slice(0, slash);
		} else if (ret.root) {
			ret.dir = "/";
		}
		return ret;
	},
	matchesGlob: undefined,
};
delete posix.matchesGlob;
posix.posix = posix;
module.exports = posix;
