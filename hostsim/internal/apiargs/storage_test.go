package apiargs

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStorageSignatures(t *testing.T) {
	cases := map[*Method]string{
		StorageGetMethod:            "optional [string|array|object] keys, optional function callback",
		StorageGetKeysMethod:        "optional function callback",
		StorageGetBytesInUseMethod:  "optional [string|array] keys, optional function callback",
		StorageSetMethod:            "object items, optional function callback",
		StorageRemoveMethod:         "[string|array] keys, optional function callback",
		StorageClearMethod:          "optional function callback",
		StorageSetAccessLevelMethod: "object accessOptions, optional function callback",
	}
	for m, want := range cases {
		assert.Equal(t, want, m.Signature(), m.Name)
	}
}

// The argument forms of conformance-apis §1.3 and S9–S14: "" means accepted.
func TestParseStorage(t *testing.T) {
	const (
		noMatch  = "No matching signature."
		noChoice = "Error at parameter 'keys': Value did not match any choice."
	)
	cases := []struct {
		m       *Method
		args    string
		detail  string
		hasArg  bool
		hasCall bool
	}{
		{StorageGetMethod, ``, "", false, false},
		{StorageGetMethod, `null`, "", false, false},
		{StorageGetMethod, `undefined`, "", false, false},
		{StorageGetMethod, `undefined, undefined`, "", false, false},
		{StorageGetMethod, `"a"`, "", true, false},
		{StorageGetMethod, `""`, "", true, false},
		{StorageGetMethod, `["a", "b"]`, "", true, false},
		{StorageGetMethod, `[]`, "", true, false},
		{StorageGetMethod, `{a: 1}`, "", true, false},
		{StorageGetMethod, `new Date(0)`, "", true, false},
		{StorageGetMethod, `"a", () => {}`, "", true, true},
		{StorageGetMethod, `() => {}`, "", false, true},
		{StorageGetMethod, `123`, noMatch, false, false},
		{StorageGetMethod, `true`, noMatch, false, false},
		{StorageGetMethod, `Symbol()`, noMatch, false, false},
		{StorageGetMethod, `"a", "b"`, noMatch, false, false},
		{StorageGetMethod, `() => {}, 1`, noMatch, false, false},
		{StorageGetMethod, `{a: 1}, 5`, noMatch, false, false},
		{StorageGetMethod, `["a", 1]`, noChoice, false, false},
		{StorageSetMethod, ``, noMatch, false, false},
		{StorageSetMethod, `null`, noMatch, false, false},
		{StorageSetMethod, `undefined`, noMatch, false, false},
		{StorageSetMethod, `"x"`, noMatch, false, false},
		{StorageSetMethod, `1`, noMatch, false, false},
		{StorageSetMethod, `[1, 2]`, noMatch, false, false},
		{StorageSetMethod, `{a: 1}, 5`, noMatch, false, false},
		{StorageSetMethod, `{a: 1}, () => {}, 3`, noMatch, false, false},
		{StorageSetMethod, `{a: 1}, null`, "", true, false},
		{StorageSetMethod, `new Map([[1, 2]])`, "", true, false},
		{StorageRemoveMethod, ``, noMatch, false, false},
		{StorageRemoveMethod, `1`, noMatch, false, false},
		{StorageRemoveMethod, `null`, noMatch, false, false},
		{StorageRemoveMethod, `["a", 1]`, noChoice, false, false},
		{StorageRemoveMethod, `[]`, "", true, false},
		{StorageRemoveMethod, `"nokey"`, "", true, false},
		{StorageClearMethod, `1`, noMatch, false, false},
		{StorageClearMethod, `null`, "", false, false},
		{StorageGetBytesInUseMethod, `1`, noMatch, false, false},
		{StorageGetBytesInUseMethod, `{}`, noMatch, false, false},
		{StorageGetBytesInUseMethod, `null`, "", false, false},
		{StorageGetKeysMethod, `1`, noMatch, false, false},
		{StorageGetKeysMethod, `null`, "", false, false},
		{StorageSetAccessLevelMethod, ``, noMatch, false, false},
		{StorageSetAccessLevelMethod, `"TRUSTED_CONTEXTS"`, noMatch, false, false},
		{StorageSetAccessLevelMethod, `{accessLevel: "BOGUS"}`,
			"Error at parameter 'accessOptions': Error at property 'accessLevel': Value must be one of TRUSTED_AND_UNTRUSTED_CONTEXTS, TRUSTED_CONTEXTS.", false, false},
		{StorageSetAccessLevelMethod, `{}`, "Error at parameter 'accessOptions': Missing required property 'accessLevel'.", false, false},
		{StorageSetAccessLevelMethod, `{accessLevel: "TRUSTED_CONTEXTS", x: 1}`, "Error at parameter 'accessOptions': Unexpected property: 'x'.", false, false},
		{StorageSetAccessLevelMethod, `{accessLevel: "TRUSTED_CONTEXTS"}`, "", true, false},
	}
	for _, c := range cases {
		t.Run(c.m.Name+"("+c.args+")", func(t *testing.T) {
			vm := goja.New()
			arg, cb, err := ParseStorage(vm, c.m, args(t, vm, c.args))
			if c.detail != "" {
				require.Error(t, err)
				assert.Equal(t, "Error in invocation of "+c.m.Name+"("+c.m.Signature()+"): "+c.detail, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.hasArg, arg != nil, "argument")
			assert.Equal(t, c.hasCall, cb != nil, "callback")
		})
	}
}
