package gluetransport

import "sync"

var serialization = sync.OnceValue(func() string {
	v, err := Call("_serialization")
	if err != nil || v.Type().String() != "string" {
		return "json"
	}
	return v.String()
})

// StructuredClone reports whether the glue carries this context's messages in the clone form: its
// extension's manifest sets "message_serialization": "structured_clone".
func StructuredClone() bool { return serialization() == "structured_clone" }
