// Command testhost is a native messaging host for nativesim's tests. Each message names an op:
//
//	{"op":"echo","v":X}        → {"echo":X,"origin":argv[1],"cwd":<working directory>}
//	{"op":"many","n":N}        → N messages {"i":0} … {"i":N-1}
//	{"op":"exit","code":C}     → a line on stderr, then exit with status C and no reply
//	{"op":"oversize"}          → a frame announcing 1 MiB + 1 bytes
//	{"op":"malformed"}         → a frame that is not JSON, then {"after":"malformed"}
//	{"op":"silent"}            → nothing
//	{"op":"closeout"}          → close stdout, keep running until stdin ends
//	{"op":"hang"}              → ignore stdin from now on and never exit by itself
//	{"op":"closein"}           → close stdin, then wait without exiting
//
// It exits with status 0 when stdin ends.
package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/extwasm/extwasm/nativehost"
)

type request struct {
	Op   string          `json:"op"`
	V    json.RawMessage `json:"v,omitempty"`
	N    int             `json:"n,omitempty"`
	Code int             `json:"code,omitempty"`
}

func main() {
	origin := ""
	if len(os.Args) > 1 {
		origin = os.Args[1]
	}
	r := nativehost.NewReader(os.Stdin)
	w := nativehost.NewWriter(os.Stdout)
	for {
		msg, err := r.ReadFrame()
		if err != nil {
			return
		}
		var req request
		if err := json.Unmarshal(msg, &req); err != nil {
			fmt.Fprintln(os.Stderr, "testhost: bad request:", err)
			continue
		}
		if err := serve(req, origin, w); err != nil {
			fmt.Fprintln(os.Stderr, "testhost:", err)
			os.Exit(1)
		}
	}
}

func serve(req request, origin string, w *nativehost.Writer) error {
	switch req.Op {
	case "echo":
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		return w.Encode(map[string]any{"echo": req.V, "origin": origin, "cwd": wd})
	case "many":
		for i := range req.N {
			if err := w.Encode(map[string]int{"i": i}); err != nil {
				return err
			}
		}
	case "exit":
		fmt.Fprintf(os.Stderr, "testhost: exiting with status %d\n", req.Code)
		os.Exit(req.Code)
	case "oversize":
		// Written by hand: nativehost's Writer refuses to break Chrome's limit.
		var hdr [nativehost.HeaderSize]byte
		binary.NativeEndian.PutUint32(hdr[:], nativehost.MaxHostMessageSize+1)
		_, err := os.Stdout.Write(append(hdr[:], `{"x":"`...))
		return err
	case "malformed":
		bad := []byte("{not json")
		var hdr [nativehost.HeaderSize]byte
		binary.NativeEndian.PutUint32(hdr[:], uint32(len(bad)))
		if _, err := os.Stdout.Write(append(hdr[:], bad...)); err != nil {
			return err
		}
		return w.Encode(map[string]string{"after": "malformed"})
	case "silent":
	case "closeout":
		return os.Stdout.Close()
	case "hang":
		for {
			time.Sleep(time.Hour)
		}
	case "closein":
		if err := os.Stdin.Close(); err != nil {
			return err
		}
		for {
			time.Sleep(time.Hour)
		}
	default:
		return fmt.Errorf("unknown op %q", req.Op)
	}
	return nil
}
