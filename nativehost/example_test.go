package nativehost_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/extwasm/extwasm/nativehost"
)

type Lookup struct {
	Hostname string `json:"hostname"`
}

type Credential struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func lookup(ctx context.Context, req Lookup) (Credential, error) {
	if req.Hostname != "127.0.0.1" {
		return Credential{}, nativehost.Errorf("unknown_host", "no credential for %q", req.Hostname)
	}
	return Credential{Username: "gopher", Password: "correct horse battery staple"}, nil
}

// A host program is one line: Main reads the caller from the command line and serves stdin and
// stdout until the browser closes the connection.
func ExampleMain() {
	main := func() {
		nativehost.Main(nativehost.Func(lookup),
			nativehost.AllowOrigins("chrome-extension://abcdefghijklmnopabcdefghijklmnop/"))
	}
	_ = main // in a real host: func main() { nativehost.Main(...) }
}

// Serve runs a typed handler over any reader and writer; here two messages stand in for what
// Chrome would write to the host's stdin.
func ExampleServe() {
	var in, out bytes.Buffer
	browser := nativehost.NewWriterSize(&in, nativehost.MaxBrowserMessageSize)
	_ = browser.Encode(Lookup{Hostname: "127.0.0.1"})
	_ = browser.Encode(Lookup{Hostname: "example.org"})

	quiet := slog.New(slog.DiscardHandler)
	err := nativehost.Serve(context.Background(), &in, &out, nativehost.Func(lookup), nativehost.WithLogger(quiet))
	fmt.Println("serve:", err)

	replies := nativehost.NewReaderSize(&out, nativehost.MaxHostMessageSize)
	for {
		msg, err := replies.ReadFrame()
		if err != nil {
			break
		}
		fmt.Println(string(msg))
	}
	// Output:
	// serve: <nil>
	// {"username":"gopher","password":"correct horse battery staple"}
	// {"error":{"code":"unknown_host","message":"no credential for \"example.org\""}}
}

// A Mux serves extwasm's typed envelope, so the extension's Go code can call routes on the host.
func ExampleMux() {
	mux := nativehost.NewMux()
	if err := nativehost.HandleRoute(mux, "vault.lookup", lookup); err != nil {
		panic(err)
	}
	reply, _ := mux.HandleMessage(context.Background(),
		[]byte(`{"extwasm":1,"route":"vault.lookup","body":{"hostname":"127.0.0.1"}}`))
	fmt.Println(string(reply))
	// Output:
	// {"extwasm":1,"ok":true,"body":{"username":"gopher","password":"correct horse battery staple"}}
}

// The Writer refuses what Chrome would refuse, before writing a byte.
func ExampleWriter() {
	var out bytes.Buffer
	w := nativehost.NewWriter(&out)
	err := w.WriteFrame(make([]byte, nativehost.MaxHostMessageSize+1))
	fmt.Println(errors.Is(err, nativehost.ErrTooLarge), out.Len())
	// Output:
	// true 0
}

// ReadFrame tells a clean end of input from a malformed frame.
func ExampleReader() {
	r := nativehost.NewReader(bytes.NewReader([]byte{2, 0, 0, 0, '{', '}', 0xff}))
	msg, err := r.ReadFrame()
	fmt.Println(string(msg), err)
	_, err = r.ReadFrame()
	fmt.Println(errors.Is(err, nativehost.ErrShortHeader))
	// Output:
	// {} <nil>
	// true
}

// ParseManifest applies Chrome's rules and reports failures in Chrome's words.
func ExampleParseManifest() {
	_, err := nativehost.ParseManifest([]byte(`{
		"name": "com.example.vault",
		"description": "Example vault",
		"path": "/opt/vault/vaulthost",
		"type": "stdio",
		"allowed_origins": ["chrome-extension://*/"]
	}`))
	fmt.Println(err)
	// Output:
	// Pattern "chrome-extension://*/" is not allowed.
}

// Install writes the manifest where a browser profile looks for it.
func ExampleInstall() {
	profile, _ := os.MkdirTemp("", "profile")
	defer os.RemoveAll(profile)
	path, err := nativehost.Install(nativehost.UserDataDir(profile), nativehost.Manifest{
		Name:           "com.example.vault",
		Description:    "Example vault",
		Path:           "/opt/vault/vaulthost",
		Type:           "stdio",
		AllowedOrigins: []string{"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"},
	})
	fmt.Println(filepath.Base(filepath.Dir(path)), filepath.Base(path), err)
	// Output:
	// NativeMessagingHosts com.example.vault.json <nil>
}

// CheckOrigin is the host's own gate when a manifest lists several extensions.
func ExampleCheckOrigin() {
	caller, _ := nativehost.ParseArgs([]string{"chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/"})
	err := nativehost.CheckOrigin(caller.Origin, "chrome-extension://abcdefghijklmnopabcdefghijklmnop/")
	fmt.Println(errors.Is(err, nativehost.ErrOriginNotAllowed))
	// Output:
	// true
}
