package browser

import (
	"encoding/json"
	"fmt"
)

// StorageArea names one of chrome.storage's areas.
type StorageArea string

// The chrome.storage areas.
const (
	// StorageLocal is chrome.storage.local: kept across worker stops, reloads and restarts.
	StorageLocal StorageArea = "local"
	// StorageSync is chrome.storage.sync: local storage with sync's quotas (nothing is synced).
	StorageSync StorageArea = "sync"
	// StorageSession is chrome.storage.session: in memory, emptied when the extension reloads.
	StorageSession StorageArea = "session"
	// StorageManaged is chrome.storage.managed: read-only for the extension; a test writes it as an
	// administrator's policy would.
	StorageManaged StorageArea = "managed"
)

// Storage is one chrome.storage area of an extension, read and written from Go: to seed what the
// extension finds, or to check what it stored. Writes go through the same rules as the
// extension's own set() (value conversion, quotas, all or nothing) and fire onChanged in its
// contexts; they do not count towards sync's write-rate limits.
type Storage struct {
	ext  *Extension
	area StorageArea
}

// Storage returns the extension's storage area.
func (e *Extension) Storage(area StorageArea) *Storage { return &Storage{ext: e, area: area} }

// Set stores items, each value encoded with encoding/json and then converted as chrome.storage
// converts the JavaScript value. A quota error has Chrome's text. Listeners run before Set returns.
func (s *Storage) Set(items map[string]any) error {
	if err := s.ext.e.StorageSet(string(s.area), items); err != nil {
		return err
	}
	return s.ext.br.Settle()
}

// Get returns the stored items under keys, or every item when no key is given, each as JSON.
// Missing keys are left out. Session ArrayBuffers read as base64 strings (they decode into []byte).
func (s *Storage) Get(keys ...string) (map[string]json.RawMessage, error) {
	if len(keys) == 0 {
		keys = nil
	}
	got, err := s.ext.e.StorageGet(string(s.area), keys)
	if err != nil {
		return nil, err
	}
	out := make(map[string]json.RawMessage, len(got))
	for k, v := range got {
		out[k] = v
	}
	return out, nil
}

// GetInto decodes the value stored under key into out and reports whether there was one.
func (s *Storage) GetInto(key string, out any) (bool, error) {
	got, err := s.Get(key)
	if err != nil {
		return false, err
	}
	raw, ok := got[key]
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return true, fmt.Errorf("chrome.storage.%s: %q: %w", s.area, key, err)
	}
	return true, nil
}

// Remove deletes keys; listeners run before it returns.
func (s *Storage) Remove(keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	if err := s.ext.e.StorageRemove(string(s.area), keys); err != nil {
		return err
	}
	return s.ext.br.Settle()
}

// Clear deletes every item; listeners run before it returns.
func (s *Storage) Clear() error {
	if err := s.ext.e.StorageRemove(string(s.area), nil); err != nil {
		return err
	}
	return s.ext.br.Settle()
}

// BytesInUse is what getBytesInUse reports for keys, or for the whole area when none is given.
func (s *Storage) BytesInUse(keys ...string) (int, error) {
	if len(keys) == 0 {
		keys = nil
	}
	return s.ext.e.StorageBytesInUse(string(s.area), keys)
}
