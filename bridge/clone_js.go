package bridge

import "github.com/extwasm/extwasm/bridge/internal/gluetransport"

// StructuredClone implements wire.StructuredCloner: the glue read the manifest's
// message_serialization.
func (jsTransport) StructuredClone() bool { return gluetransport.StructuredClone() }
