package browser

// StopTranscript turns b's transcript off, for benchmarks that measure the message service
// without the record every test reads.
func StopTranscript(b *Browser) { b.b.Transcript.Off = true }
