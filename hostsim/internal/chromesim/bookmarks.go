package chromesim

import (
	"cmp"
	_ "embed"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed bookmarks.js
var bookmarksSrc string

// bookmarkNode is a bookmark (url set) or a folder.
type bookmarkNode struct {
	id                string
	parent            *bookmarkNode
	title, url        string
	folder            bool
	folderType        string // the permanent folders': "bookmarks-bar", "other"
	dateAdded         float64
	dateGroupModified float64 // folders, once their children changed (or at creation)
	children          []*bookmarkNode
}

// bookmarkTree is the profile's bookmarks as a fresh Chromium 156 profile has them: the root "0"
// holding "Bookmarks bar" ("1") and "Other bookmarks" ("2"), new nodes numbered from 5 (3 and 4
// are folders Chrome keeps hidden: chrome.bookmarks.get finds neither).
type bookmarkTree struct {
	root   *bookmarkNode
	byID   map[string]*bookmarkNode
	nextID int
}

func newBookmarkTree(now float64) *bookmarkTree {
	t := &bookmarkTree{byID: map[string]*bookmarkNode{}, nextID: 5}
	t.root = &bookmarkNode{id: "0", folder: true, dateAdded: now}
	for _, p := range []struct{ id, title, kind string }{{"1", "Bookmarks bar", "bookmarks-bar"}, {"2", "Other bookmarks", "other"}} {
		n := &bookmarkNode{id: p.id, title: p.title, folder: true, folderType: p.kind, dateAdded: now, parent: t.root}
		t.root.children = append(t.root.children, n)
		t.byID[n.id] = n
	}
	t.byID["0"] = t.root
	return t
}

// permanent reports the root and its folders, which no call may change.
func (n *bookmarkNode) permanent() bool { return n.parent == nil || n.parent.parent == nil }

func (n *bookmarkNode) index() int { return slices.Index(n.parent.children, n) }

// json is the node as the API reports it (a BookmarkTreeNode): with its children's tree when deep;
// without index and parentId for onRemoved's node, as Chromium reports it.
func (n *bookmarkNode) json(deep, placed bool) map[string]any {
	o := map[string]any{"id": n.id, "title": n.title, "dateAdded": n.dateAdded, "syncing": false}
	if n.parent != nil && placed {
		o["parentId"], o["index"] = n.parent.id, n.index()
	}
	if n.url != "" {
		o["url"] = n.url
	}
	if n.folderType != "" {
		o["folderType"] = n.folderType
	}
	if n.dateGroupModified != 0 {
		o["dateGroupModified"] = n.dateGroupModified
	}
	if deep && n.folder {
		kids := make([]any, len(n.children))
		for i, k := range n.children {
			kids[i] = k.json(true, placed)
		}
		o["children"] = kids
	}
	return o
}

// walk visits the tree in Chrome's order: a folder, then its children in order.
func (n *bookmarkNode) walk(visit func(*bookmarkNode)) {
	visit(n)
	for _, k := range n.children {
		k.walk(visit)
	}
}

// bookmarks is the profile's tree, made on first use.
func (b *Browser) bookmarkTree() *bookmarkTree {
	if b.bookmarks == nil {
		b.bookmarks = newBookmarkTree(b.wallMillis())
	}
	return b.bookmarks
}

// find resolves an id as Chrome does: not a number is invalid, a number nobody has is not found.
func (t *bookmarkTree) find(id string) (*bookmarkNode, error) {
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		return nil, errors.New(apiargs.ErrBookmarkInvalidID)
	}
	n := t.byID[id]
	if n == nil {
		return nil, errors.New(apiargs.ErrBookmarkNotFound)
	}
	return n, nil
}

// validBookmarkURL is Chrome's test of a bookmark's url: a valid absolute URL.
func validBookmarkURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "" || u.Path != "")
}

// searchTokens splits a query string as Chrome's bookmark search does (measured: "s.example"
// finds "https://x.example/1": the words are "s" and "example").
func searchTokens(q string) []string {
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// matches reports whether every word of the query is in the node's title or url.
func (n *bookmarkNode) matches(words []string) bool {
	title, u := strings.ToLower(n.title), strings.ToLower(n.url)
	for _, w := range words {
		if !strings.Contains(title, w) && !strings.Contains(u, w) {
			return false
		}
	}
	return true
}

func init() {
	registerAPI("bookmarks", bookmarksSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("bookmarks") },
		func(c *Context, set func(string, any)) {
			ops := c.schemaOps("bookmarks", set)
			op := func(name string, do func(t *bookmarkTree, p []goja.Value) (any, error)) {
				ops(name, func(p []goja.Value) (any, error) { return do(c.b.bookmarkTree(), p) })
			}
			list := func(nodes []*bookmarkNode, deep bool) []any {
				out := make([]any, len(nodes))
				for i, n := range nodes {
					out[i] = n.json(deep, true)
				}
				return out
			}
			op("get", func(t *bookmarkTree, p []goja.Value) (any, error) {
				var ids []string
				if err := c.realm.VM.ExportTo(p[0], &ids); err != nil {
					ids = []string{p[0].String()}
				}
				var nodes []*bookmarkNode
				for _, id := range ids {
					n, err := t.find(id)
					if err != nil {
						return nil, err
					}
					nodes = append(nodes, n)
				}
				return list(nodes, false), nil
			})
			op("getChildren", func(t *bookmarkTree, p []goja.Value) (any, error) {
				n, err := t.find(p[0].String())
				if err != nil {
					return nil, err
				}
				return list(n.children, false), nil
			})
			op("getSubTree", func(t *bookmarkTree, p []goja.Value) (any, error) {
				n, err := t.find(p[0].String())
				if err != nil {
					return nil, err
				}
				return list([]*bookmarkNode{n}, true), nil
			})
			op("getTree", func(t *bookmarkTree, p []goja.Value) (any, error) {
				return list([]*bookmarkNode{t.root}, true), nil
			})
			op("getRecent", func(t *bookmarkTree, p []goja.Value) (any, error) {
				var nodes []*bookmarkNode
				t.root.walk(func(n *bookmarkNode) {
					if !n.folder {
						nodes = append(nodes, n)
					}
				})
				// Newest first; nodes added in the same millisecond, the later first.
				slices.SortStableFunc(nodes, func(a, b *bookmarkNode) int {
					if a.dateAdded != b.dateAdded {
						return cmp.Compare(b.dateAdded, a.dateAdded)
					}
					return b.serial() - a.serial()
				})
				return list(nodes[:min(len(nodes), int(p[0].ToInteger()))], false), nil
			})
			op("search", func(t *bookmarkTree, p []goja.Value) (any, error) {
				var words []string
				var wantURL, wantTitle *string
				if q, ok := p[0].(*goja.Object); ok {
					if v := q.Get("query"); !isNullish(v) {
						words = searchTokens(v.String())
					}
					if v := q.Get("url"); !isNullish(v) {
						s := v.String()
						wantURL = &s
					}
					if v := q.Get("title"); !isNullish(v) {
						s := v.String()
						wantTitle = &s
					}
				} else {
					words = searchTokens(p[0].String())
				}
				var nodes []*bookmarkNode
				t.root.walk(func(n *bookmarkNode) {
					if n.permanent() || !n.matches(words) ||
						wantURL != nil && n.url != *wantURL || wantTitle != nil && n.title != *wantTitle {
						return
					}
					nodes = append(nodes, n)
				})
				return list(nodes, false), nil
			})
			op("create", func(t *bookmarkTree, p []goja.Value) (any, error) {
				d := p[0].(*goja.Object)
				parentID := "2"
				if v := d.Get("parentId"); !isNullish(v) {
					parentID = v.String()
				}
				parent := t.byID[parentID]
				switch {
				case parent == nil:
					return nil, errors.New(apiargs.ErrBookmarkParentNotFound)
				case parent.parent == nil:
					return nil, errors.New(apiargs.ErrBookmarkModifyRoot)
				case !parent.folder:
					return nil, errors.New(apiargs.ErrBookmarkParentNotDir)
				}
				index := len(parent.children)
				if v := d.Get("index"); !isNullish(v) {
					index = int(v.ToInteger())
					if index > len(parent.children) {
						return nil, errors.New(apiargs.ErrBookmarkIndexOutOfRange)
					}
				}
				now := c.b.wallMillis()
				n := &bookmarkNode{id: strconv.Itoa(t.nextID), parent: parent, dateAdded: now, folder: true}
				if v := d.Get("title"); !isNullish(v) {
					n.title = v.String()
				}
				if v := d.Get("url"); !isNullish(v) {
					if !validBookmarkURL(v.String()) {
						return nil, errors.New(apiargs.ErrBookmarkInvalidURL)
					}
					n.url, n.folder = v.String(), false
				}
				if n.folder {
					n.dateGroupModified = now
				}
				t.nextID++
				t.byID[n.id] = n
				parent.children = slices.Insert(parent.children, index, n)
				parent.dateGroupModified = now
				c.b.fireBookmarkEvent("bookmarks.onCreated", n.id, n.json(false, true))
				return n.json(false, true), nil
			})
			op("update", func(t *bookmarkTree, p []goja.Value) (any, error) {
				n, err := t.find(p[0].String())
				if err != nil {
					return nil, err
				}
				if n.permanent() {
					return nil, errors.New(apiargs.ErrBookmarkModifyRoot)
				}
				ch := p[1].(*goja.Object)
				title, u := n.title, n.url
				if v := ch.Get("url"); !isNullish(v) {
					if n.folder {
						return nil, errors.New(apiargs.ErrBookmarkFolderURL)
					}
					if !validBookmarkURL(v.String()) {
						return nil, errors.New(apiargs.ErrBookmarkInvalidURL)
					}
					u = v.String()
				}
				if v := ch.Get("title"); !isNullish(v) {
					title = v.String()
				}
				n.title, n.url = title, u
				info := map[string]any{"title": n.title}
				if !n.folder {
					info["url"] = n.url
				}
				c.b.fireBookmarkEvent("bookmarks.onChanged", n.id, info)
				return n.json(false, true), nil
			})
			op("move", func(t *bookmarkTree, p []goja.Value) (any, error) {
				n, err := t.find(p[0].String())
				if err != nil {
					return nil, err
				}
				if n.permanent() {
					return nil, errors.New(apiargs.ErrBookmarkModifyRoot)
				}
				dest := p[1].(*goja.Object)
				parent := n.parent
				if v := dest.Get("parentId"); !isNullish(v) {
					if parent = t.byID[v.String()]; parent == nil {
						return nil, errors.New(apiargs.ErrBookmarkParentNotFound)
					}
				}
				if parent.parent == nil {
					return nil, errors.New(apiargs.ErrBookmarkModifyRoot)
				}
				if !parent.folder {
					return nil, errors.New(apiargs.ErrBookmarkParentNotDir)
				}
				for a := parent; a != nil; a = a.parent {
					if a == n {
						return nil, errors.New(apiargs.ErrBookmarkMoveIntoSelf)
					}
				}
				index := len(parent.children)
				if v := dest.Get("index"); !isNullish(v) {
					index = int(v.ToInteger())
					if index > len(parent.children) {
						return nil, errors.New(apiargs.ErrBookmarkIndexOutOfRange)
					}
				}
				oldParent, oldIndex := n.parent, n.index()
				// The index counts the node's old place, as Chrome's model does: moving x at 0 to
				// index 2 among x, y, z gives y, x, z (measured).
				if oldParent == parent && oldIndex < index {
					index--
				}
				oldParent.children = slices.Delete(oldParent.children, oldIndex, oldIndex+1)
				parent.children = slices.Insert(parent.children, index, n)
				n.parent = parent
				now := c.b.wallMillis()
				oldParent.dateGroupModified, parent.dateGroupModified = now, now
				c.b.fireBookmarkEvent("bookmarks.onMoved", n.id, map[string]any{
					"parentId": parent.id, "index": index, "oldParentId": oldParent.id, "oldIndex": oldIndex})
				return n.json(false, true), nil
			})
			remove := func(recursive bool) func(t *bookmarkTree, p []goja.Value) (any, error) {
				return func(t *bookmarkTree, p []goja.Value) (any, error) {
					n, err := t.find(p[0].String())
					if err != nil {
						return nil, err
					}
					if n.permanent() {
						return nil, errors.New(apiargs.ErrBookmarkModifyRoot)
					}
					if !recursive && len(n.children) > 0 {
						return nil, errors.New(apiargs.ErrBookmarkFolderNotEmpty)
					}
					parent, index := n.parent, n.index()
					node := n.json(true, true)
					delete(node, "parentId")
					delete(node, "index")
					parent.children = slices.Delete(parent.children, index, index+1)
					n.walk(func(d *bookmarkNode) { delete(t.byID, d.id) })
					parent.dateGroupModified = c.b.wallMillis()
					c.b.fireBookmarkEvent("bookmarks.onRemoved", n.id, map[string]any{"parentId": parent.id, "index": index, "node": node})
					return nil, nil
				}
			}
			op("remove", remove(false))
			op("removeTree", remove(true))
		})
}

// serial is n's place in creation order: ids count up.
func (n *bookmarkNode) serial() int {
	id, _ := strconv.Atoi(n.id)
	return id
}

// fireBookmarkEvent fires a bookmarks event in every extension that may read bookmarks: the tree
// is the profile's, not one extension's.
func (b *Browser) fireBookmarkEvent(name string, args ...any) {
	b.fireProfileEvent("bookmarks", name, args...)
}
