// Node's url module: goja_nodejs's WHATWG URL and URLSearchParams, plus the file URL helpers.
"use strict";

const { goBuiltin } = require("hostsim:internal");
const path = require("path");
const core = goBuiltin("url");

function codedTypeError(code, message) {
	const err = new TypeError(message);
	err.code = code;
	return err;
}

function fileURLToPath(u) {
	const url = typeof u === "string" ? new core.URL(u) : u;
	if (url === null || typeof url !== "object" || typeof url.href !== "string") {
		throw codedTypeError("ERR_INVALID_ARG_TYPE", 'The "path" argument must be of type string or an instance of URL. Received ' + String(u));
	}
	if (url.protocol !== "file:") {
		throw codedTypeError("ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
	}
	if (url.hostname !== "") {
		throw codedTypeError("ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
	}
	if (/%2f/i.test(url.pathname)) {
		throw codedTypeError("ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
	}
	return decodeURIComponent(url.pathname);
}

function pathToFileURL(p) {
	let resolved = path.resolve(p);
	if (p.endsWith("/") && !resolved.endsWith("/")) {
		resolved += "/";
	}
	// The URL parser percent-encodes the rest of what a path may not hold; these it would drop or
	// take as escapes.
	const encoded = resolved.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/\t/g, "%09").replace(/\?/g, "%3F").replace(/#/g, "%23");
	return new core.URL("file://" + encoded);
}

module.exports = Object.assign({}, core, { fileURLToPath, pathToFileURL });
