package apiargs

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

const (
	own   = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	other = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

// args evaluates a JS argument list in a fresh realm.
func args(t *testing.T, vm *goja.Runtime, list string) []goja.Value {
	t.Helper()
	v, err := vm.RunString("[" + list + "]")
	require.NoError(t, err, list)
	o := v.(*goja.Object)
	n := int(o.Get("length").ToInteger())
	out := make([]goja.Value, n)
	for i := range out {
		out[i] = o.Get(itoa(i))
	}
	return out
}

func itoa(i int) string { return goja.New().ToValue(i).String() }

func TestSignatures(t *testing.T) {
	cases := map[*Method]string{
		RuntimeSendMessageMethod:       "optional string extensionId, any message, optional object options, optional function callback",
		TabsSendMessageMethod:          "integer tabId, any message, optional object options, optional function callback",
		RuntimeConnectMethod:           "optional string extensionId, optional object connectInfo",
		TabsConnectMethod:              "integer tabId, optional object connectInfo",
		RuntimeSendNativeMessageMethod: "string application, object message, optional function callback",
		RuntimeConnectNativeMethod:     "string application",
	}
	for m, want := range cases {
		assert.Equal(t, want, m.Signature(), m.Name)
	}
	assert.Equal(t,
		"Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): Could not serialize message.",
		RuntimeSendMessageMethod.Error(chromefacts.ErrCouldNotSerialize).Error())
	assert.Equal(t,
		"Error in invocation of tabs.sendMessage(integer tabId, any message, optional object options, optional function callback): Could not serialize message.",
		TabsSendMessageMethod.Error(chromefacts.ErrCouldNotSerialize).Error())
}

func TestRuntimeSendMessage(t *testing.T) {
	ext := Caller{Kind: CallerExtension, ExtensionID: own}
	cases := []struct {
		name    string
		caller  Caller
		args    string
		id      string
		message string // JSON.stringify of the message, "" to skip
		cb      bool
		err     string // detail of the invocation error
	}{
		{"message only", ext, `{data:'hello'}`, own, `{"data":"hello"}`, false, ""},
		{"message and callback", ext, `{data:'hello'}, function(){}`, own, `{"data":"hello"}`, true, ""},
		{"message and options", ext, `{data:'hello'}, {includeTlsChannelId: true}`, own, `{"data":"hello"}`, false, ""},
		{"id and message", ext, `'` + other + `', 'string message'`, other, `"string message"`, false, ""},
		{"upper-case id", ext, `'` + "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" + `', 1`, "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", `1`, false, ""},
		{"null id", ext, `null, 'test', function(){}`, own, `"test"`, true, ""},
		{"undefined id", ext, `undefined, 'test'`, own, `"test"`, false, ""},
		{"empty id is own", ext, `'', 'test'`, own, `"test"`, false, ""},
		{"string pair is id+message", ext, `'` + other + `', {includeTlsChannelId: true}`, other, `{"includeTlsChannelId":true}`, false, ""},
		{"three args", ext, `'` + other + `', 'm', {}`, other, `"m"`, false, ""},
		{"only a string", ext, `''`, own, `""`, false, ""},
		{"undefined message", ext, `undefined`, own, ``, false, ""},
		{"ping gotcha", ext, `"ping", {a:1}`, "", "", false, "Invalid extension id: 'ping'"},
		{"unknown option", ext, `{data:'hi'}, {unknownProp: true}`, "", "", false, "Error at parameter 'options': Unexpected property: 'unknownProp'."},
		{"bad option type", ext, `{data:'hi'}, {includeTlsChannelId: 1}`, "", "", false, "Error at parameter 'options': Error at property 'includeTlsChannelId': Invalid type: expected boolean, found integer."},
		{"string options", ext, `'some id', 'some message', 'some other string'`, "", "", false, ErrNoMatchingSignature},
		{"four non-callback", ext, `'some id', 'some message', {}, {}`, "", "", false, ErrNoMatchingSignature},
		{"no arguments", ext, ``, "", "", false, ErrNoMatchingSignature},
		{"five arguments", ext, `null, 1, {}, function(){}, 5`, "", "", false, ErrNoMatchingSignature},
		{"web page without id", Caller{Kind: CallerWebPage}, `{a:1}`, "", "", false,
			"chrome.runtime.sendMessage() called from a webpage must specify an Extension ID (string) for its first argument."},
		{"web page with id", Caller{Kind: CallerWebPage}, `'` + other + `', {a:1}`, other, `{"a":1}`, false, ""},
		{"user script external", Caller{Kind: CallerUserScript, ExtensionID: own}, `'` + other + `', 1`, "", "", false, chromefacts.ErrUserScriptsExternal},
		{"user script own", Caller{Kind: CallerUserScript, ExtensionID: own}, `1`, own, `1`, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vm := goja.New()
			r, err := ParseRuntimeSendMessage(vm, c.caller, args(t, vm, c.args))
			if c.err != "" {
				require.Error(t, err)
				assert.Equal(t, RuntimeSendMessageMethod.Error(c.err).Error(), err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.id, r.ExtensionID)
			assert.Equal(t, c.cb, r.Callback != nil)
			if c.message != "" {
				require.NoError(t, vm.Set("m", r.Message))
				got, err := vm.RunString("JSON.stringify(m)")
				require.NoError(t, err)
				assert.Equal(t, c.message, got.String())
			}
		})
	}
}

func TestTabsSendMessage(t *testing.T) {
	cases := []struct {
		name, args string
		tab, frame int
		doc        string
		cb         bool
		err        string
	}{
		{"basic", `5, {a:1}`, 5, -1, "", false, ""},
		{"callback", `0, 'x', function(){}`, 0, -1, "", true, ""},
		{"negative zero tab", `-0, 'x'`, 0, -1, "", false, ""},
		{"frame", `5, 'x', {frameId: 3}`, 5, 3, "", false, ""},
		{"negative frame", `5, 'x', {frameId: -7}`, 5, -1, "", false, ""},
		{"document", `5, 'x', {documentId: 'D'}, function(){}`, 5, -1, "D", true, ""},
		{"negative tab", `-1, 'x'`, 0, 0, "", false, "Error at parameter 'tabId': Value must be at least 0."},
		{"string tab", `'5', 'x'`, 0, 0, "", false, ErrNoMatchingSignature},
		{"fraction tab", `1.5, 'x'`, 0, 0, "", false, ErrNoMatchingSignature},
		{"no message", `5`, 0, 0, "", false, ErrNoMatchingSignature},
		{"frame type", `5, 'x', {frameId: 'a'}`, 0, 0, "", false, "Error at parameter 'options': Error at property 'frameId': Invalid type: expected integer, found string."},
		{"frame fraction", `5, 'x', {frameId: 0.5}`, 0, 0, "", false, "Error at parameter 'options': Error at property 'frameId': Invalid type: expected integer, found number."},
		{"unknown option", `5, 'x', {name: 'n'}`, 0, 0, "", false, "Error at parameter 'options': Unexpected property: 'name'."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vm := goja.New()
			r, err := ParseTabsSendMessage(vm, args(t, vm, c.args))
			if c.err != "" {
				require.Error(t, err)
				assert.Equal(t, TabsSendMessageMethod.Error(c.err).Error(), err.Error())
				var ie *InvocationError
				require.ErrorAs(t, err, &ie)
				assert.Equal(t, "tabs.sendMessage", ie.Method)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.tab, r.TabID)
			assert.Equal(t, c.frame, r.FrameID)
			assert.Equal(t, c.doc, r.DocumentID)
			assert.Equal(t, c.cb, r.Callback != nil)
		})
	}
}

func TestConnects(t *testing.T) {
	ext := Caller{Kind: CallerExtension, ExtensionID: own}
	vm := goja.New()

	c, err := ParseRuntimeConnect(vm, ext, args(t, vm, ``))
	require.NoError(t, err)
	assert.Equal(t, &Connect{ExtensionID: own}, c)

	c, err = ParseRuntimeConnect(vm, ext, args(t, vm, `{name: 'channel', includeTlsChannelId: true}`))
	require.NoError(t, err)
	assert.Equal(t, &Connect{ExtensionID: own, Name: "channel"}, c)

	c, err = ParseRuntimeConnect(vm, ext, args(t, vm, `'`+other+`', {name: 'c'}`))
	require.NoError(t, err)
	assert.Equal(t, &Connect{ExtensionID: other, Name: "c"}, c)

	_, err = ParseRuntimeConnect(vm, Caller{Kind: CallerWebPage}, args(t, vm, `{name: 'c'}`))
	assert.EqualError(t, err, "Error in invocation of runtime.connect(optional string extensionId, optional object connectInfo): chrome.runtime.connect() called from a webpage must specify an Extension ID (string) for its first argument.")

	_, err = ParseRuntimeConnect(vm, ext, args(t, vm, `'nope'`))
	assert.EqualError(t, err, "Error in invocation of runtime.connect(optional string extensionId, optional object connectInfo): Invalid extension id: 'nope'")

	_, err = ParseRuntimeConnect(vm, ext, args(t, vm, `{get name() { throw new Error('tricked!') }}`))
	assert.EqualError(t, err, "Error in invocation of runtime.connect(optional string extensionId, optional object connectInfo): Script threw an error.")

	tc, err := ParseTabsConnect(vm, args(t, vm, `3, {name: 'n', frameId: -2}`))
	require.NoError(t, err)
	assert.Equal(t, &TabsConnect{TabID: 3, Name: "n", FrameID: -1}, tc)

	_, err = ParseTabsConnect(vm, args(t, vm, `-4`))
	assert.EqualError(t, err, "Error in invocation of tabs.connect(integer tabId, optional object connectInfo): Error at parameter 'tabId': Value must be at least 0.")
}

func TestNative(t *testing.T) {
	vm := goja.New()
	n, err := ParseSendNativeMessage(vm, args(t, vm, `'native_app', {hi: 'bye', f: function(){}}`))
	require.NoError(t, err)
	assert.Equal(t, "native_app", n.Application)
	assert.Nil(t, n.Callback)

	n, err = ParseSendNativeMessage(vm, args(t, vm, `'another_native_app', {alpha: 2}, function() {}`))
	require.NoError(t, err)
	assert.NotNil(t, n.Callback)

	for _, bad := range []string{`{data: 'hi'}, function() {}`, `'native_app', 'some message', {includeTlsChannelId: true}`, `'app', 'str'`, `'app', [1]`, `'app'`} {
		_, err := ParseSendNativeMessage(vm, args(t, vm, bad))
		assert.EqualError(t, err, "Error in invocation of runtime.sendNativeMessage(string application, object message, optional function callback): No matching signature.", bad)
	}

	app, err := ParseConnectNative(vm, args(t, vm, `'native_app'`))
	require.NoError(t, err)
	assert.Equal(t, "native_app", app)
	_, err = ParseConnectNative(vm, args(t, vm, `'native_app', {name: 'name'}`))
	assert.EqualError(t, err, "Error in invocation of runtime.connectNative(string application): No matching signature.")
}

func TestTypeNames(t *testing.T) {
	vm := goja.New()
	cases := map[string]string{
		`null`: "null", `undefined`: "undefined", `1`: "integer", `-0`: "number", `1.5`: "number",
		`2147483648`: "number", `true`: "boolean", `'s'`: "string", `[1]`: "array", `()=>1`: "function",
		`new Uint8Array(1)`: "binary", `new ArrayBuffer(1)`: "binary", `({})`: "object", `Symbol()`: "other", `1n`: "other",
	}
	for js, want := range cases {
		v, err := vm.RunString("(" + js + ")")
		require.NoError(t, err)
		assert.Equal(t, want, typeName(v), js)
	}
}

func TestMessages(t *testing.T) {
	assert.Equal(t, "Native Messaging host tried sending a message that is 1048577 bytes long.", NativeHostMessageTooLarge(1048577))
	assert.Equal(t, "Missing required property 'x'.", MissingRequiredProperty("x"))
	assert.NotContains(t, chromefacts.ErrAsyncResponseChannelClosed[len(chromefacts.ErrAsyncResponseChannelClosed)-1:], ".")
}

// chromejson's failures must carry exactly the texts collected here.
func TestSerializationTextsAgree(t *testing.T) {
	assert.Equal(t, chromefacts.ErrCouldNotSerialize, chromejson.ErrUnserializable.Error())
	assert.Equal(t, chromefacts.ErrMessageTooLarge, chromejson.ErrTooLarge.Error())
	assert.Equal(t, chromefacts.ErrMalformedJSONMessage, chromejson.ErrMalformed.Error())
}
