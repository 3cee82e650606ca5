package apiargs

import "github.com/dop251/goja"

// The schemas of storage.json's StorageArea methods as Chromium 156 uses them. Every area (local,
// sync, session, managed) shares them, and errors name the method "storage.<method>".
var (
	StorageGetMethod = register(&Method{Name: "storage.get", hasCallback: true, params: []param{
		{name: "keys", kind: kindChoice, optional: true, choices: []param{stringParam, stringArrayParam, anyObjectParam}},
		callbackParam,
	}})
	StorageGetKeysMethod       = register(&Method{Name: "storage.getKeys", hasCallback: true, params: []param{callbackParam}})
	StorageGetBytesInUseMethod = register(&Method{Name: "storage.getBytesInUse", hasCallback: true, params: []param{
		{name: "keys", kind: kindChoice, optional: true, choices: []param{stringParam, stringArrayParam}},
		callbackParam,
	}})
	StorageSetMethod = register(&Method{Name: "storage.set", hasCallback: true, params: []param{
		{name: "items", kind: kindObject, props: anyProps},
		callbackParam,
	}})
	StorageRemoveMethod = register(&Method{Name: "storage.remove", hasCallback: true, params: []param{
		{name: "keys", kind: kindChoice, choices: []param{stringParam, stringArrayParam}},
		callbackParam,
	}})
	StorageClearMethod          = register(&Method{Name: "storage.clear", hasCallback: true, params: []param{callbackParam}})
	StorageSetAccessLevelMethod = register(&Method{Name: "storage.setAccessLevel", hasCallback: true, params: []param{
		{name: "accessOptions", kind: kindObject, props: map[string]param{
			"accessLevel": {name: "accessLevel", kind: kindString, enum: StorageAccessLevels},
		}},
		callbackParam,
	}})
)

// StorageAccessLevels are the values of storage.AccessLevel, in Chrome's order.
var StorageAccessLevels = []string{StorageTrustedAndUntrusted, StorageTrusted}

// The storage.AccessLevel values.
const (
	StorageTrustedAndUntrusted = "TRUSTED_AND_UNTRUSTED_CONTEXTS"
	StorageTrusted             = "TRUSTED_CONTEXTS"
)

var (
	callbackParam    = param{name: "callback", kind: kindFunction, optional: true}
	stringParam      = param{kind: kindString}
	stringArrayParam = param{kind: kindArray, items: &param{kind: kindString}}
	anyObjectParam   = param{kind: kindObject, props: anyProps}
)

// Errors chrome.storage reports, verbatim from Chromium 156 (conformance-apis §1). All of them
// reject the call's promise (or set lastError); none is thrown.
const (
	// ErrStorageReadOnly: a write to storage.managed (S6).
	ErrStorageReadOnly = "This is a read-only store."
	// ErrStorageAccessDenied: a content script using an area whose access level is
	// TRUSTED_CONTEXTS (S28, S31).
	ErrStorageAccessDenied = "Access to storage is not allowed from this context."
	// ErrStorageSetAccessLevelContext: a content script calling setAccessLevel on an area it may use.
	ErrStorageSetAccessLevelContext = "Context cannot set the storage access level"
	// ErrStorageBinary: an ArrayBuffer or view set in local or sync storage (§1.5).
	ErrStorageBinary = "Cannot serialize value to JSON"
	// ErrStorageQuotaBytes: local or sync storage would exceed QUOTA_BYTES (S17, S19).
	ErrStorageQuotaBytes = "Resource::kQuotaBytes quota exceeded"
	// ErrStorageQuotaBytesPerItem: one sync item over QUOTA_BYTES_PER_ITEM (S19).
	ErrStorageQuotaBytesPerItem = "Resource::kQuotaBytesPerItem quota exceeded"
	// ErrStorageMaxItems: sync storage would hold more than MAX_ITEMS keys (S19).
	ErrStorageMaxItems = "Resource::kMaxItems quota exceeded"
	// ErrStorageSessionQuota: session storage would exceed QUOTA_BYTES (S18).
	ErrStorageSessionQuota = "Session storage quota bytes exceeded. Values were not stored."
	// ErrStorageWritesPerMinute: the 121st sync write of a kind within a minute (S21).
	ErrStorageWritesPerMinute = "This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota."
	// ErrStorageWritesPerHour: the 1801st sync write of a kind within an hour.
	ErrStorageWritesPerHour = "This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota."
)

// ParseStorage reads the arguments of a StorageArea method m: its one argument (nil when omitted,
// null or undefined) and its callback (nil in promise form).
func ParseStorage(vm *goja.Runtime, m *Method, args []goja.Value) (arg, callback goja.Value, err error) {
	p, err := m.parse(vm, args)
	if err != nil {
		return nil, nil, err
	}
	if len(p) == 1 {
		return nil, p[0], nil
	}
	return p[0], p[1], nil
}
