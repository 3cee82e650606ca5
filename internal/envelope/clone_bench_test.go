package envelope

import (
	"encoding/json"
	"math/big"
	"testing"
	"time"
)

// The clone form costs a parse and a re-encode on top of the strict JSON decode; these measure it
// on a message of 4 KiB of bytes, a time and a big integer.
func benchBlob() cloneMsg {
	return cloneMsg{Name: "bench", Data: make([]byte, 4096), At: time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC), N: big.NewInt(1 << 40)}
}

func BenchmarkDecodeJSON(b *testing.B) {
	data, _ := json.Marshal(benchBlob())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var m cloneMsg
		if err := Unmarshal(data, &m, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeClone(b *testing.B) {
	plain, _ := json.Marshal(benchBlob())
	data, err := RaiseClone(plain, cloneMsgType)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		lowered, err := LowerClone(data, cloneMsgType, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		var m cloneMsg
		if err := Unmarshal(lowered, &m, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeClone(b *testing.B) {
	m := benchBlob()
	for b.Loop() {
		plain, err := json.Marshal(m)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := RaiseClone(plain, cloneMsgType); err != nil {
			b.Fatal(err)
		}
	}
}
