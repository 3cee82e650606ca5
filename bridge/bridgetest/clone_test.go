package bridgetest_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/bridge/bridgetest"
)

type Blob struct {
	Data []byte    `json:"data"`
	At   time.Time `json:"at"`
	N    *big.Int  `json:"n,omitempty"`
}

var Stamp = bridge.NewRoute[Blob, Blob]("demo.stamp")

// serveStamp answers a Blob with its bytes reversed, its time a day later and N+1.
func serveStamp() error {
	err := bridge.Handle(Stamp, func(_ context.Context, b Blob) (Blob, error) {
		out := Blob{At: b.At.Add(24 * time.Hour)}
		for i := len(b.Data) - 1; i >= 0; i-- {
			out.Data = append(out.Data, b.Data[i])
		}
		if b.N != nil {
			out.N = new(big.Int).Add(b.N, big.NewInt(1))
		}
		return out, nil
	}, bridge.AllowContentScripts(), bridge.AllowExtensions("ponmlkjihgfedcbaponmlkjihgfedcba"))
	if err != nil {
		return err
	}
	return bridge.Ready()
}

// A typed route carries []byte, time.Time and *big.Int unchanged whichever message serialization
// the extension uses: under structured clone as Uint8Array, Date and BigInt, in JSON as base64,
// RFC 3339 and a number.
func TestTypedRouteCarriesBytesTimesAndBigIntsInBothFormats(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	for _, clone := range []bool{false, true} {
		t.Run(fmt.Sprintf("structured clone %v", clone), func(t *testing.T) {
			b := bridgetest.NewBrowser()
			if clone {
				b.UseStructuredClone()
			}
			b.Worker().Run(func(context.Context) { require.NoError(t, serveStamp()) })
			b.ContentScript(1, 0, "https://example.com/").Run(func(ctx context.Context) {
				got, err := Stamp.Send(ctx, bridge.ToExtension(), Blob{Data: []byte{0, 1, 255}, At: at, N: huge})
				require.NoError(t, err)
				assert.Equal(t, []byte{255, 1, 0}, got.Data)
				assert.True(t, got.At.Equal(at.Add(24*time.Hour)), got.At)
				assert.Equal(t, "123456789012345678901234567891", got.N.String())
			})
		})
	}
}

// Chromium 156 delivers nothing between extensions whose message_serialization differs.
func TestDifferentSerializationsDoNotTalk(t *testing.T) {
	b := bridgetest.NewBrowser()
	b.UseStructuredClone()
	b.Worker().Run(func(context.Context) { require.NoError(t, serveStamp()) })
	other := b.OtherExtension("ponmlkjihgfedcbaponmlkjihgfedcba")
	other.Worker().Run(func(ctx context.Context) {
		require.NoError(t, bridge.Ready()) // port events reach a context once it is ready
		_, err := Stamp.Send(ctx, bridge.ToOtherExtension(bridgetest.ExtensionID), Blob{At: time.Unix(0, 0)})
		assert.ErrorIs(t, err, bridge.ErrNotSerializable)
		p, err := bridge.Connect(ctx, bridge.ToOtherExtension(bridgetest.ExtensionID), "any")
		require.NoError(t, err)
		<-p.Done()
		assert.ErrorIs(t, p.Err(), bridge.ErrNotSerializable)
	})
	other.UseStructuredClone()
	other.Worker().Run(func(ctx context.Context) {
		got, err := Stamp.Send(ctx, bridge.ToOtherExtension(bridgetest.ExtensionID), Blob{Data: []byte{1, 2}, At: time.Unix(0, 0)})
		require.NoError(t, err)
		assert.Equal(t, []byte{2, 1}, got.Data)
	})
}

// Under structured clone the same handler and sender code carries Go's types as JavaScript's.
func ExampleExtension_UseStructuredClone() {
	b := bridgetest.NewBrowser()
	b.UseStructuredClone() // as "message_serialization": "structured_clone" in the manifest
	b.Worker().Run(func(context.Context) {
		if err := serveStamp(); err != nil {
			panic(err)
		}
	})
	b.ContentScript(1, 0, "https://example.com/").Run(func(ctx context.Context) {
		at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		got, err := Stamp.Send(ctx, bridge.ToExtension(), Blob{Data: []byte("abc"), At: at, N: big.NewInt(41)})
		fmt.Println(string(got.Data), got.At.Format(time.DateOnly), got.N, err)
	})
	// Output:
	// cba 2026-01-03 42 <nil>
}
