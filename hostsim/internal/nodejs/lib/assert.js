// Node 20's assert module. Failures are AssertionError (code ERR_ASSERTION) with actual,
// expected and operator; messages follow Node's for the simple cases.
"use strict";

const { inspect } = require("util");
const internal = require("hostsim:internal");

class AssertionError extends Error {
	constructor(options) {
		if (options === null || typeof options !== "object") {
			const err = new TypeError('The "options" argument must be of type object. Received ' + inspect(options));
			err.code = "ERR_INVALID_ARG_TYPE";
			throw err;
		}
		const { message, actual, expected, operator } = options;
		super(message !== undefined ? String(message) : defaultMessage(actual, expected, operator));
		this.generatedMessage = message === undefined;
		this.code = "ERR_ASSERTION";
		this.actual = actual;
		this.expected = expected;
		this.operator = operator;
	}
	get name() {
		return "AssertionError";
	}
	toString() {
		return "AssertionError [ERR_ASSERTION]: " + this.message;
	}
}

const headers = {
	deepStrictEqual: "Expected values to be strictly deep-equal:",
	strictEqual: "Expected values to be strictly equal:",
	deepEqual: "Expected values to be loosely deep-equal:",
	notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
	notStrictEqual: 'Expected "actual" to be strictly unequal to:',
	notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
	notIdentical: "Values identical but not reference-equal:",
};

function defaultMessage(actual, expected, operator) {
	const a = inspect(actual);
	const e = inspect(expected);
	if (operator === "strictEqual" || operator === "deepStrictEqual") {
		if (operator === "strictEqual" && (typeof actual !== "object" || actual === null) && (typeof expected !== "object" || expected === null)) {
			return headers[operator] + "\n\n" + a + " !== " + e + "\n";
		}
		return headers[operator] + "\n+ actual - expected\n\n+ " + a.split("\n").join("\n+ ") + "\n- " + e.split("\n").join("\n- ");
	}
	if (operator === "deepEqual") {
		return headers[operator] + "\n\n" + a + "\n\nshould loosely deep-equal\n\n" + e;
	}
	if (headers[operator]) {
		return headers[operator] + "\n\n" + a + "\n";
	}
	if (operator === "==" || operator === "!=") {
		return a + " " + operator + " " + e;
	}
	return a + " " + operator + " " + e;
}

function fail(obj) {
	if (obj.message instanceof Error) {
		throw obj.message;
	}
	throw new AssertionError(obj);
}

function innerOk(fn, argLen, value, message) {
	if (!value) {
		let generated = false;
		if (argLen === 0) {
			message = "No value argument passed to `assert.ok()`";
			generated = true;
		} else if (message === undefined) {
			message = "The expression evaluated to a falsy value:\n\n  assert" + (fn === assert ? "" : "." + fn.name) + "(" + inspect(value) + ")\n";
			generated = true;
		}
		const err = new AssertionError({ message, actual: value, expected: true, operator: "==" });
		err.generatedMessage = generated;
		if (message instanceof Error) {
			throw message;
		}
		throw err;
	}
}

function assert(...args) {
	innerOk(assert, args.length, ...args);
}
function ok(...args) {
	innerOk(ok, args.length, ...args);
}

function needArgs(n, names) {
	if (n < 2) {
		const err = new TypeError('The "' + names[0] + '" and "' + names[1] + '" arguments must be specified');
		err.code = "ERR_MISSING_ARGS";
		throw err;
	}
}

const compare = {
	equal: (a, b) => a == b || (a !== a && b !== b),
	notEqual: (a, b) => !(a == b || (a !== a && b !== b)),
	strictEqual: (a, b) => Object.is(a, b),
	notStrictEqual: (a, b) => !Object.is(a, b),
	deepEqual: (a, b) => internal.deepEqual(a, b, false, []),
	notDeepEqual: (a, b) => !internal.deepEqual(a, b, false, []),
	deepStrictEqual: (a, b) => internal.deepEqual(a, b, true, []),
	notDeepStrictEqual: (a, b) => !internal.deepEqual(a, b, true, []),
};
const operators = { equal: "==", notEqual: "!=" };

for (const name of Object.keys(compare)) {
	assert[name] = {
		[name](actual, expected, message) {
			needArgs(arguments.length, ["actual", "expected"]);
			if (!compare[name](actual, expected)) {
				fail({ actual, expected, message, operator: operators[name] || name });
			}
		},
	}[name];
}

assert.ok = ok;
assert.AssertionError = AssertionError;

assert.fail = function (message) {
	if (message instanceof Error) {
		throw message;
	}
	const err = new AssertionError({ message: message === undefined ? "Failed" : message, operator: "fail" });
	err.generatedMessage = message === undefined;
	throw err;
};

assert.ifError = function ifError(err) {
	if (err !== null && err !== undefined) {
		let message = "ifError got unwanted exception: ";
		message += typeof err === "object" && typeof err.message === "string" ? (err.message.length === 0 && err.constructor ? err.constructor.name : err.message) : inspect(err);
		const e = new AssertionError({ actual: err, expected: null, operator: "ifError", message });
		e.generatedMessage = false;
		throw e;
	}
};

// matches checks a thrown value against assert.throws' "error" argument.
function matches(actual, expected, message, fn) {
	if (expected === undefined) {
		return;
	}
	if (typeof expected === "function") {
		if (expected.prototype !== undefined && actual instanceof expected) {
			return;
		}
		if (Error.isPrototypeOf(expected) || expected === Error) {
			throw actual;
		}
		if (expected.call({}, actual) === true) {
			return;
		}
		fail({ actual, expected, message: message || "The " + (fn === "rejects" ? "\"validate\" validation function is expected to return \"true\". Received false" : "validation function is expected to return \"true\". Received false"), operator: fn });
	}
	if (expected instanceof RegExp) {
		if (expected.test(String(actual))) {
			return;
		}
		fail({ actual, expected, message: message || "The input did not match the regular expression " + inspect(expected) + ". Input:\n\n" + inspect(String(actual)) + "\n", operator: fn });
	}
	if (typeof expected === "object" && expected !== null) {
		for (const k of Object.keys(expected)) {
			const want = expected[k];
			const got = actual === null || actual === undefined ? undefined : actual[k];
			const same = want instanceof RegExp && typeof got === "string" ? want.test(got) : internal.deepEqual(got, want, true, []);
			if (!same) {
				fail({ actual, expected, message: message || "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   " + k + ": " + inspect(got) + "\n-   " + k + ": " + inspect(want) + "\n  }", operator: fn });
			}
		}
	}
}

const NO_EXCEPTION = Symbol("no exception");

function thrown(fn) {
	if (typeof fn !== "function") {
		const err = new TypeError('The "fn" argument must be of type function. Received ' + inspect(fn));
		err.code = "ERR_INVALID_ARG_TYPE";
		throw err;
	}
	try {
		fn();
	} catch (e) {
		return e;
	}
	return NO_EXCEPTION;
}

function splitArgs(error, message) {
	return typeof error === "string" ? [undefined, error] : [error, message];
}

assert.throws = function throws(fn, error, message) {
	[error, message] = splitArgs(error, message);
	const e = thrown(fn);
	if (e === NO_EXCEPTION) {
		const name = error && error.name ? " (" + error.name + ")" : "";
		fail({ actual: undefined, expected: error, operator: "throws", message: "Missing expected exception" + name + (message ? ": " + message : ".") });
	}
	matches(e, error, message, "throws");
};

assert.doesNotThrow = function doesNotThrow(fn, error, message) {
	[error, message] = splitArgs(error, message);
	const e = thrown(fn);
	if (e !== NO_EXCEPTION) {
		fail({ actual: e, expected: error, operator: "doesNotThrow", message: "Got unwanted exception" + (message ? ": " + message : ".") + "\nActual message: \"" + (e && e.message) + "\"" });
	}
};

async function settle(promiseFn) {
	const p = typeof promiseFn === "function" ? promiseFn() : promiseFn;
	if (!p || typeof p.then !== "function") {
		const err = new TypeError('The "promiseFn" argument must be of type function or an instance of Promise. Received ' + inspect(p));
		err.code = "ERR_INVALID_ARG_TYPE";
		throw err;
	}
	try {
		await p;
	} catch (e) {
		return e;
	}
	return NO_EXCEPTION;
}

assert.rejects = async function rejects(promiseFn, error, message) {
	[error, message] = splitArgs(error, message);
	const e = await settle(promiseFn);
	if (e === NO_EXCEPTION) {
		const name = error && error.name ? " (" + error.name + ")" : "";
		fail({ actual: undefined, expected: error, operator: "rejects", message: "Missing expected rejection" + name + (message ? ": " + message : ".") });
	}
	matches(e, error, message, "rejects");
};

assert.doesNotReject = async function doesNotReject(promiseFn, error, message) {
	[error, message] = splitArgs(error, message);
	const e = await settle(promiseFn);
	if (e !== NO_EXCEPTION) {
		fail({ actual: e, expected: error, operator: "doesNotReject", message: "Got unwanted rejection" + (message ? ": " + message : ".") + "\nActual message: \"" + (e && e.message) + "\"" });
	}
};

assert.match = function match(string, regexp, message) {
	if (!(regexp instanceof RegExp)) {
		const err = new TypeError('The "regexp" argument must be an instance of RegExp. Received ' + inspect(regexp));
		err.code = "ERR_INVALID_ARG_TYPE";
		throw err;
	}
	if (typeof string !== "string" || !regexp.test(string)) {
		fail({ actual: string, expected: regexp, message: message || (typeof string !== "string" ? 'The "string" argument must be of type string. Received type ' + typeof string + " (" + inspect(string) + ")" : "The input did not match the regular expression " + inspect(regexp) + ". Input:\n\n" + inspect(string) + "\n"), operator: "match" });
	}
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
	if (typeof string === "string" && regexp instanceof RegExp && regexp.test(string)) {
		fail({ actual: string, expected: regexp, message: message || "The input was expected to not match the regular expression " + inspect(regexp) + ". Input:\n\n" + inspect(string) + "\n", operator: "doesNotMatch" });
	}
};

function strict(...args) {
	innerOk(strict, args.length, ...args);
}
Object.assign(strict, assert, {
	equal: assert.strictEqual,
	deepEqual: assert.deepStrictEqual,
	notEqual: assert.notStrictEqual,
	notDeepEqual: assert.notDeepStrictEqual,
});
strict.strict = strict;
assert.strict = strict;

module.exports = assert;
