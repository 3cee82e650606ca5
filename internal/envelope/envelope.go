// Package envelope is extwasm's wire format: one JSON value per message.
//
// A request is
//
//	{"extwasm":1,"route":"demo.greet","body":<json>}
//
// and its reply is either
//
//	{"extwasm":1,"ok":true,"body":<json>}
//	{"extwasm":1,"ok":false,"error":{"code":"invalid","message":"...","chain":["..."]}}
//
// Messages come from content scripts, other extensions, web pages and native hosts, so every decoder
// here treats its input as hostile: the size is checked before parsing, the nesting depth, UTF-8
// validity, duplicate keys and "__proto__" keys are checked before any value is built, and unknown
// fields are rejected.
package envelope

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Version is the value of the "extwasm" field of every envelope.
const Version = 1

// Code classifies an error reply. The set is closed: a decoder rejects codes it does not know.
type Code string

// The error codes carried by error replies.
const (
	CodeNoReceiver      Code = "no_receiver"      // nobody listens at the target
	CodeDisconnected    Code = "disconnected"     // the receiver went away before replying
	CodeDenied          Code = "denied"           // the sender policy refused the sender
	CodeInvalid         Code = "invalid"          // the request failed decoding or validation
	CodeTooLarge        Code = "too_large"        // the message exceeded a size limit
	CodeTimeout         Code = "timeout"          // a deadline passed
	CodeCanceled        Code = "canceled"         // the caller gave up
	CodeNotFound        Code = "not_found"        // no handler for the route
	CodeInternal        Code = "internal"         // the handler panicked
	CodeRemote          Code = "remote"           // the handler returned an error
	CodeNotSerializable Code = "not_serializable" // a value could not be turned into JSON
	CodeNative          Code = "native"           // a native messaging host failed
	CodeBusy            Code = "busy"             // the receiver holds as many messages as it may: retry later
	CodeUnavailable     Code = "unavailable"      // the receiver's module failed to start or stopped: it cannot answer
)

var knownCodes = map[Code]bool{
	CodeNoReceiver: true, CodeDisconnected: true, CodeDenied: true, CodeInvalid: true,
	CodeTooLarge: true, CodeTimeout: true, CodeCanceled: true, CodeNotFound: true,
	CodeInternal: true, CodeRemote: true, CodeNotSerializable: true, CodeNative: true, CodeBusy: true,
	CodeUnavailable: true,
}

// Valid reports whether c is one of the codes defined by this package.
func (c Code) Valid() bool { return knownCodes[c] }

// Bounds on what an envelope may carry.
const (
	// FallbackMaxDepth is the nesting limit when Limits.MaxDepth is zero (bridge's routes default
	// to the tighter bridge.DefaultMaxDepth); the size limit is then chromefacts.MaxMessageBytes.
	FallbackMaxDepth = 128
	// MaxRouteLen bounds a route name; routes are identifiers, not data.
	MaxRouteLen = 128
	// MaxMessageLen and MaxChainLen bound what an error reply may carry, so an error cannot be
	// used to smuggle a large payload past a route's size limit.
	MaxMessageLen = 4096
	MaxChainLen   = 32
)

// Limits bound what a decoder accepts. A zero MaxBytes means Chrome's own limit,
// chromefacts.MaxMessageBytes; a zero MaxDepth means FallbackMaxDepth.
type Limits struct {
	MaxBytes int // largest accepted input, in bytes of UTF-8 JSON
	MaxDepth int // deepest accepted nesting of arrays and objects
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = chromefacts.MaxMessageBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = FallbackMaxDepth
	}
	return l
}

// Errors returned by the decoders; use errors.Is. Every decoding failure wraps exactly one of them.
var (
	ErrTooLarge    = errors.New("envelope: message too large")
	ErrInvalid     = errors.New("envelope: invalid message")
	ErrNotEnvelope = errors.New("envelope: not an extwasm envelope")
)

// CodeOf maps a decoding error to the code an error reply should carry.
func CodeOf(err error) Code {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrTooLarge):
		return CodeTooLarge
	default:
		return CodeInvalid
	}
}

// Request is a decoded request envelope.
type Request struct {
	Route string
	Body  json.RawMessage // never nil; "null" when the sender sent no body
}

// Error is the error part of a reply.
type Error struct {
	Code    Code     `json:"code"`
	Message string   `json:"message"`
	Chain   []string `json:"chain,omitempty"` // the texts of the wrapped Go errors, outermost first
}

// Reply is a decoded reply envelope. Exactly one of Body (when OK) and Error (when !OK) is set.
type Reply struct {
	OK    bool
	Body  json.RawMessage
	Error *Error
}

// Check verifies that data is a single well-formed JSON value within lim, in valid UTF-8 (a \u
// escape of a lone surrogate is not: it would decode to U+FFFD), with no duplicate keys and no
// "__proto__" key at any level. It builds no values, so it is safe to run on input of any shape
// before decoding it.
func Check(data []byte, lim Limits) error { return check(data, lim, 0) }

// check is Check for data wrapped in levels of the envelope's own objects: they do not count
// against lim.MaxDepth, which bounds what the sender put in the body.
func check(data []byte, lim Limits, levels int) error {
	lim = lim.withDefaults()
	if len(data) > lim.MaxBytes {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("%w: not valid UTF-8", ErrInvalid)
	}
	return scan(data, lim.MaxDepth, levels)
}

// Unmarshal checks data with Check and decodes it into v strictly: a key must name a field of v
// exactly (encoding/json alone would match "NAME" to field "name"), unknown fields are refused,
// and so is null where the Go type cannot hold it.
//
// A value that does not fit v is a *FieldError, which locates it from "body" and names JSON types,
// never Go's.
func Unmarshal(data []byte, v any, lim Limits) error {
	if err := Check(data, lim); err != nil {
		return err
	}
	return decodeChecked(data, v, "body")
}

// UnmarshalChecked is Unmarshal for data that has already passed Check at the limits Unmarshal would
// be given (the body of an envelope that DecodeReply accepted, say): the same strict decoding,
// without a second walk to check it.
func UnmarshalChecked(data []byte, v any) error { return decodeChecked(data, v, "body") }

// decodeChecked is Unmarshal for data that has passed Check; root names the value in error paths.
func decodeChecked(data []byte, v any, root string) error {
	if err := checkFields(data, v, root); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err, root)
	}
	return nil
}

// decodeError restates what encoding/json refused after checkFields passed (a map key that is not a
// number, a type decoding itself) without Go type names: its text names them.
func decodeError(err error, root string) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		at := root
		if te.Field != "" {
			at += "." + te.Field
		}
		kind, _, _ := strings.Cut(te.Value, " ") // "number -5": the kind only
		if kind == "number" && te.Type != nil && (te.Type.Kind() == reflect.Float64 || te.Type.Kind() == reflect.Interface) {
			// A number where a float64 (or any) is expected fails only by being out of range.
			return fieldError(at, floatRange)
		}
		got, ok := jsonGotWord[kind]
		if !ok {
			got = "another value"
		}
		return fieldError(at, "expected "+jsonKind(te.Type)+", got "+got)
	}
	if strings.HasPrefix(err.Error(), "json: ") {
		return fieldError(root, "a value cannot be decoded")
	}
	// A type's own UnmarshalJSON or UnmarshalText refused its value, in its own words.
	return fieldError(root, err.Error())
}

// IsEnvelope reports whether data looks like an extwasm envelope: a JSON object with an "extwasm"
// key at the top level. It does not validate the envelope; it tells envelope traffic apart from
// plain JSON messages sent by JavaScript peers.
func IsEnvelope(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return false
		}
		if k == "extwasm" {
			return true
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

type wireRequest struct {
	Extwasm *int            `json:"extwasm"`
	Route   *string         `json:"route"`
	Body    json.RawMessage `json:"body"`
}

type wireReply struct {
	Extwasm *int            `json:"extwasm"`
	OK      *bool           `json:"ok"`
	Body    json.RawMessage `json:"body,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// DecodeRequest decodes a request envelope; lim.MaxDepth bounds the body's nesting (the envelope's
// own object does not count). It returns an error wrapping ErrNotEnvelope when data is
// well-formed JSON but not an envelope, so callers can hand it to a plain-JSON handler instead.
//
// The walk that checks data also finds the envelope's fields; a request that is anything but the
// plain {"extwasm":1,"route":"…","body":…} goes on to decodeRequestSlow, the reference decoder,
// which gives every other input its result and its error text.
func DecodeRequest(data []byte, lim Limits) (Request, error) {
	s, err := checkTop(data, lim)
	if err != nil {
		return Request{}, err
	}
	req, ok := plainRequest(data, s.top)
	// Not an envelope (plain JSON for a raw handler, the common case besides a plain request) is
	// read from the same walk: a top-level object without an "extwasm" member, or no object.
	claims := ok || hasMember(s.top, "extwasm")
	putScanner(s)
	if ok {
		return req, nil
	}
	if !claims {
		return Request{}, ErrNotEnvelope
	}
	return decodeRequestSlow(data)
}

// hasMember reports whether the top-level members of a walk include one named key.
func hasMember(top []member, key string) bool {
	for _, m := range top {
		if string(m.key) == key {
			return true
		}
	}
	return false
}

// HasMember reports whether data is a JSON object with a top-level member named one of keys, read
// by the strict walk: false for anything that walk refuses, so call it on data already checked.
// It builds no values, where decoding into a map built one for every member.
func HasMember(data []byte, keys ...string) bool {
	// The depth bound only caps the walk's stack: data that fits nests no deeper than its length.
	s := getScanner(data, len(data), 0, true)
	defer putScanner(s)
	if s.run() != nil {
		return false
	}
	for _, k := range keys {
		if hasMember(s.top, k) {
			return true
		}
	}
	return false
}

// checkTop is check for an envelope, recording its top-level members. The caller gives the
// scanner back with putScanner once it has read them.
func checkTop(data []byte, lim Limits) (*scanner, error) {
	lim = lim.withDefaults()
	if len(data) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%w: not valid UTF-8", ErrInvalid)
	}
	s := getScanner(data, lim.MaxDepth, 1, true)
	if err := s.run(); err != nil {
		putScanner(s)
		return nil, err
	}
	return s, nil
}

// plainRequest reads a request whose top-level members are exactly what an encoder of this package
// writes: "extwasm" 1, a route string without escapes that ValidRoute accepts, and an optional body.
func plainRequest(data []byte, top []member) (Request, bool) {
	var route string
	var body json.RawMessage
	version, routed := false, false
	for _, m := range top {
		v := data[m.start:m.end]
		switch string(m.key) {
		case "extwasm":
			version = string(v) == "1"
		case "route":
			if len(v) < 2 || v[0] != '"' || bytes.IndexByte(v, '\\') >= 0 {
				return Request{}, false
			}
			route, routed = string(v[1:len(v)-1]), true
		case "body":
			body = v
		default:
			return Request{}, false
		}
	}
	if !version || !routed || ValidRoute(route) != nil {
		return Request{}, false
	}
	if body == nil {
		body = json.RawMessage("null")
	}
	return Request{Route: route, Body: body}, true
}

// decodeRequestSlow is DecodeRequest for data that check has accepted, through encoding/json.
func decodeRequestSlow(data []byte) (Request, error) {
	if !IsEnvelope(data) {
		return Request{}, ErrNotEnvelope
	}
	var w wireRequest
	if err := decodeChecked(data, &w, ""); err != nil {
		return Request{}, err
	}
	if err := checkVersion(w.Extwasm); err != nil {
		return Request{}, err
	}
	if w.Route == nil {
		return Request{}, fmt.Errorf("%w: request has no route", ErrInvalid)
	}
	if err := ValidRoute(*w.Route); err != nil {
		return Request{}, err
	}
	body := w.Body
	if body == nil {
		body = json.RawMessage("null")
	}
	return Request{Route: *w.Route, Body: body}, nil
}

// DecodeReply decodes a reply envelope; lim.MaxDepth bounds the body's nesting, as for
// DecodeRequest. As there, the one walk that checks data reads a successful reply's fields; an
// error reply, or anything unusual, goes on to decodeReplySlow.
func DecodeReply(data []byte, lim Limits) (Reply, error) {
	s, err := checkTop(data, lim)
	if err != nil {
		return Reply{}, err
	}
	r, ok := plainReply(data, s.top)
	putScanner(s)
	if ok {
		return r, nil
	}
	return decodeReplySlow(data)
}

// plainReply reads a successful reply of exactly the members EncodeReply writes.
func plainReply(data []byte, top []member) (Reply, bool) {
	var body json.RawMessage
	version, ok := false, false
	for _, m := range top {
		v := data[m.start:m.end]
		switch string(m.key) {
		case "extwasm":
			version = string(v) == "1"
		case "ok":
			ok = string(v) == "true"
		case "body":
			body = v
		default:
			return Reply{}, false
		}
	}
	if !version || !ok {
		return Reply{}, false
	}
	if body == nil {
		body = json.RawMessage("null")
	}
	return Reply{OK: true, Body: body}, true
}

// decodeReplySlow is DecodeReply for data that check has accepted, through encoding/json.
func decodeReplySlow(data []byte) (Reply, error) {
	if !IsEnvelope(data) {
		return Reply{}, ErrNotEnvelope
	}
	var w wireReply
	if err := decodeChecked(data, &w, ""); err != nil {
		return Reply{}, err
	}
	if err := checkVersion(w.Extwasm); err != nil {
		return Reply{}, err
	}
	if w.OK == nil {
		return Reply{}, fmt.Errorf("%w: reply has no \"ok\"", ErrInvalid)
	}
	if *w.OK {
		if w.Error != nil {
			return Reply{}, fmt.Errorf("%w: successful reply carries an error", ErrInvalid)
		}
		body := w.Body
		if body == nil {
			body = json.RawMessage("null")
		}
		return Reply{OK: true, Body: body}, nil
	}
	if w.Body != nil {
		return Reply{}, fmt.Errorf("%w: error reply carries a body", ErrInvalid)
	}
	if w.Error == nil {
		return Reply{}, fmt.Errorf("%w: error reply has no error", ErrInvalid)
	}
	if err := w.Error.check(); err != nil {
		return Reply{}, err
	}
	return Reply{Error: w.Error}, nil
}

func (e *Error) check() error {
	switch {
	case !e.Code.Valid():
		return fmt.Errorf("%w: unknown error code %q", ErrInvalid, truncate(string(e.Code), 64))
	case len(e.Message) > MaxMessageLen:
		return fmt.Errorf("%w: error message longer than %d bytes", ErrInvalid, MaxMessageLen)
	case len(e.Chain) > MaxChainLen:
		return fmt.Errorf("%w: error chain longer than %d entries", ErrInvalid, MaxChainLen)
	}
	for _, c := range e.Chain {
		if len(c) > MaxMessageLen {
			return fmt.Errorf("%w: error chain entry longer than %d bytes", ErrInvalid, MaxMessageLen)
		}
	}
	return nil
}

func checkVersion(v *int) error {
	if v == nil || *v != Version {
		return fmt.Errorf("%w: unsupported envelope version", ErrInvalid)
	}
	return nil
}

// ValidRoute reports whether name can be a route: 1 to MaxRouteLen characters from
// [A-Za-z0-9._:/-]. Routes are identifiers, so anything else is rejected rather than escaped.
func ValidRoute(name string) error {
	if name == "" || len(name) > MaxRouteLen {
		return fmt.Errorf("%w: route name must be 1 to %d characters", ErrInvalid, MaxRouteLen)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '_' || c == ':' || c == '/' || c == '-'
		if !ok {
			return fmt.Errorf("%w: route name %q has a character outside [A-Za-z0-9._:/-]", ErrInvalid, truncate(name, 64))
		}
	}
	return nil
}

// EncodeRequest builds a request envelope around body, which must marshal to JSON.
func EncodeRequest(route string, body any) ([]byte, error) {
	if err := ValidRoute(route); err != nil {
		return nil, err
	}
	raw, err := marshalBody(body)
	if err != nil {
		return nil, err
	}
	// What json.Marshal writes for wireRequest, without its reflection: raw is json.Marshal's own
	// compact text, and a valid route has no character JSON escapes.
	out := make([]byte, 0, len(requestHead)+len(route)+len(requestBody)+len(raw)+1)
	out = append(out, requestHead...)
	out = append(out, route...)
	out = append(out, requestBody...)
	out = append(out, raw...)
	return append(out, '}'), nil
}

const (
	requestHead = `{"extwasm":1,"route":"`
	requestBody = `","body":`
	replyHead   = `{"extwasm":1,"ok":true,"body":`
)

// EncodeReply builds a successful reply envelope around body.
func EncodeReply(body any) ([]byte, error) {
	raw, err := marshalBody(body)
	if err != nil {
		return nil, err
	}
	return EncodeReplyJSON(raw), nil
}

// EncodeReplyJSON builds a successful reply envelope around raw, which must be JSON as json.Marshal
// writes it (compact, HTML-escaped): the bytes are those EncodeReply writes for the same value,
// without marshalling raw a second time.
func EncodeReplyJSON(raw json.RawMessage) []byte {
	out := make([]byte, 0, len(replyHead)+len(raw)+1)
	out = append(out, replyHead...)
	out = append(out, raw...)
	return append(out, '}')
}

// EncodeError builds an error reply. Over-long texts are truncated and an unknown code becomes
// CodeInternal, so the result always decodes.
func EncodeError(e Error) []byte {
	if !e.Code.Valid() {
		e.Code = CodeInternal
	}
	e.Message = truncate(e.Message, MaxMessageLen)
	if len(e.Chain) > MaxChainLen {
		e.Chain = e.Chain[:MaxChainLen]
	}
	chain := make([]string, len(e.Chain))
	for i, c := range e.Chain {
		chain[i] = truncate(c, MaxMessageLen)
	}
	e.Chain = chain
	if len(e.Chain) == 0 {
		e.Chain = nil
	}
	b, err := json.Marshal(wireReply{Extwasm: ptr(Version), OK: ptr(false), Error: &e})
	if err != nil { // cannot happen: every field is a string or a list of strings
		panic(err)
	}
	return b
}

func marshalBody(body any) (json.RawMessage, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("envelope: body is not serialisable: %w", err)
	}
	return raw, nil
}

func ptr[T any](v T) *T { return &v }

// truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
