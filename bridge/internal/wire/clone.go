package wire

// StructuredCloner is implemented by a Transport whose context's extension set
// "message_serialization": "structured_clone" in its manifest: messages then cross in the clone form
// (see envelope.LowerClone) instead of plain JSON. A Transport that does not implement it is JSON.
type StructuredCloner interface {
	StructuredClone() bool
}
