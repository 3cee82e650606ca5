package apiargs

import (
	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// CallerKind is the kind of script context making the call; it decides how
// an omitted extension id is read.
type CallerKind int

// The callers the simulator distinguishes.
const (
	// CallerExtension is an extension page or service worker.
	CallerExtension CallerKind = iota
	// CallerContentScript is a content script (isolated world).
	CallerContentScript
	// CallerUserScript is a userScripts world; it may only message its own extension.
	CallerUserScript
	// CallerWebPage is a web page allowed by externally_connectable; it has
	// no extension of its own.
	CallerWebPage
)

// Caller describes who is calling.
type Caller struct {
	Kind CallerKind
	// ExtensionID is the caller's own extension ("" for web pages).
	ExtensionID string
}

// SendMessage is a parsed runtime.sendMessage call.
type SendMessage struct {
	// ExtensionID is the target: the caller's own extension when omitted,
	// null, undefined or "" (as given otherwise: Chrome accepts upper case).
	ExtensionID string
	// Message is the value to serialize (undefined is sent as null).
	Message goja.Value
	// Callback is the response callback, nil in promise form.
	Callback goja.Value
}

// Connect is a parsed runtime.connect call.
type Connect struct {
	ExtensionID string
	Name        string
}

// TabsSendMessage is a parsed tabs.sendMessage call.
type TabsSendMessage struct {
	TabID int
	// FrameID is the target frame, -1 for every frame (also what any
	// negative frameId becomes).
	FrameID    int
	DocumentID string
	Message    goja.Value
	Callback   goja.Value
}

// TabsConnect is a parsed tabs.connect call.
type TabsConnect struct {
	TabID      int
	Name       string
	FrameID    int
	DocumentID string
}

// SendNativeMessage is a parsed runtime.sendNativeMessage call.
type SendNativeMessage struct {
	Application string
	Message     goja.Value
	Callback    goja.Value
}

// ParseRuntimeSendMessage reads runtime.sendMessage arguments as Chrome
// does: a trailing function is the callback; one argument is the message;
// two are (id, message) when the first is a string, null or undefined and
// (message, options) otherwise; three are (id, message, options).
func ParseRuntimeSendMessage(vm *goja.Runtime, caller Caller, args []goja.Value) (*SendMessage, error) {
	m := RuntimeSendMessageMethod
	args = massageSendMessage(args)
	p, err := m.parse(vm, args)
	if err != nil {
		return nil, err
	}
	id, detail := targetExtensionID(caller, p[0], "runtime.sendMessage")
	if detail != "" {
		return nil, m.Error(detail)
	}
	msg := p[1]
	if msg == nil {
		msg = goja.Null() // an omitted-by-massage message slot is null
	}
	return &SendMessage{ExtensionID: id, Message: msg, Callback: p[3]}, nil
}

// massageSendMessage is Chromium's MassageSendMessageArguments: it spreads
// 1-3 arguments (after setting a trailing callback aside) into the four
// positions of the signature, and leaves other counts to the generic parser.
func massageSendMessage(args []goja.Value) []goja.Value {
	if len(args) == 0 || len(args) > 4 {
		return args
	}
	var callback goja.Value = goja.Null()
	rest := args
	if isFunction(args[len(args)-1]) {
		callback = args[len(args)-1]
		rest = args[:len(args)-1]
	}
	if len(rest) >= 4 {
		return args
	}
	target, message, options := goja.Null(), goja.Null(), goja.Null()
	switch len(rest) {
	case 0:
		return args
	case 1:
		message = rest[0]
	case 2:
		if isString(rest[0]) || isNullish(rest[0]) {
			target, message = rest[0], rest[1]
		} else {
			message, options = rest[0], rest[1]
		}
	case 3:
		target, message, options = rest[0], rest[1], rest[2]
	}
	return []goja.Value{target, message, options, callback}
}

// targetExtensionID is Chromium's GetTargetExtensionId.
func targetExtensionID(caller Caller, v goja.Value, method string) (string, string) {
	var id string
	if !isNullish(v) {
		id = v.String()
	}
	if id == "" {
		if caller.Kind == CallerWebPage || caller.ExtensionID == "" {
			return "", ExtensionIDRequired(method)
		}
		return caller.ExtensionID, ""
	}
	if !chromefacts.ExtensionIDAccepted(id) {
		return "", chromefacts.InvalidExtensionID(id)
	}
	if caller.Kind == CallerUserScript && id != caller.ExtensionID {
		return "", chromefacts.ErrUserScriptsExternal
	}
	return id, ""
}

// ParseRuntimeConnect reads runtime.connect(extensionId?, connectInfo?).
func ParseRuntimeConnect(vm *goja.Runtime, caller Caller, args []goja.Value) (*Connect, error) {
	m := RuntimeConnectMethod
	p, err := m.parse(vm, args)
	if err != nil {
		return nil, err
	}
	id, detail := targetExtensionID(caller, p[0], "runtime.connect")
	if detail != "" {
		return nil, m.Error(detail)
	}
	c := &Connect{ExtensionID: id}
	var exc *goja.Exception
	if p[1] != nil {
		exc = vm.Try(func() { c.Name, _, _ = readOptions(p[1].(*goja.Object)) })
	}
	if exc != nil {
		return nil, m.Error(ErrScriptThrew)
	}
	return c, nil
}

// readOptions is ParseMessageOptions: name, frameId (negative → -1) and
// documentId, read after schema validation.
func readOptions(o *goja.Object) (name string, frameID int, documentID string) {
	frameID = -1
	if v := o.Get("name"); !isNullish(v) {
		name = v.String()
	}
	if v := o.Get("frameId"); !isNullish(v) {
		if n, ok := isInt32(v); ok && n >= 0 {
			frameID = n
		}
	}
	if v := o.Get("documentId"); !isNullish(v) {
		documentID = v.String()
	}
	return name, frameID, documentID
}

// ParseTabsSendMessage reads tabs.sendMessage(tabId, message, options?, callback?).
func ParseTabsSendMessage(vm *goja.Runtime, args []goja.Value) (*TabsSendMessage, error) {
	m := TabsSendMessageMethod
	p, err := m.parse(vm, args)
	if err != nil {
		return nil, err
	}
	tab, _ := isInt32(p[0])
	r := &TabsSendMessage{TabID: tab, FrameID: -1, Message: p[1], Callback: p[3]}
	if p[2] != nil {
		if exc := vm.Try(func() { _, r.FrameID, r.DocumentID = readOptions(p[2].(*goja.Object)) }); exc != nil {
			return nil, m.Error(ErrScriptThrew)
		}
	}
	return r, nil
}

// ParseTabsConnect reads tabs.connect(tabId, connectInfo?).
func ParseTabsConnect(vm *goja.Runtime, args []goja.Value) (*TabsConnect, error) {
	m := TabsConnectMethod
	p, err := m.parse(vm, args)
	if err != nil {
		return nil, err
	}
	tab, _ := isInt32(p[0])
	r := &TabsConnect{TabID: tab, FrameID: -1}
	if p[1] != nil {
		if exc := vm.Try(func() { r.Name, r.FrameID, r.DocumentID = readOptions(p[1].(*goja.Object)) }); exc != nil {
			return nil, m.Error(ErrScriptThrew)
		}
	}
	return r, nil
}

// ParseSendNativeMessage reads runtime.sendNativeMessage(application,
// message, callback?); the message must be an object.
func ParseSendNativeMessage(vm *goja.Runtime, args []goja.Value) (*SendNativeMessage, error) {
	m := RuntimeSendNativeMessageMethod
	p, err := m.parse(vm, args)
	if err != nil {
		return nil, err
	}
	return &SendNativeMessage{Application: p[0].String(), Message: p[1], Callback: p[2]}, nil
}

// ParseConnectNative reads runtime.connectNative(application) and returns
// the host name.
func ParseConnectNative(vm *goja.Runtime, args []goja.Value) (string, error) {
	p, err := RuntimeConnectNativeMethod.parse(vm, args)
	if err != nil {
		return "", err
	}
	return p[0].String(), nil
}
