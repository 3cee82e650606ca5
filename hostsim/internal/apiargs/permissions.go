package apiargs

// The schemas of permissions.json as Chromium 156 reports them (scenario permissions): every
// method takes a permissions.Permissions, an object whose permissions and origins are arrays of
// strings.
var (
	permissionsArg = param{name: "permissions", kind: kindObject, ref: "permissions.Permissions", props: map[string]param{
		"permissions": {name: "permissions", kind: kindArray, optional: true, items: &param{kind: kindString}},
		"origins":     {name: "origins", kind: kindArray, optional: true, items: &param{kind: kindString}},
	}}

	PermissionsGetAllMethod   = register(&Method{Name: "permissions.getAll", hasCallback: true, params: []param{optionalCallback}})
	PermissionsContainsMethod = register(&Method{Name: "permissions.contains", hasCallback: true, params: []param{permissionsArg, optionalCallback}})
	PermissionsRemoveMethod   = register(&Method{Name: "permissions.remove", hasCallback: true, params: []param{permissionsArg, optionalCallback}})
	PermissionsRequestMethod  = register(&Method{Name: "permissions.request", hasCallback: true, params: []param{permissionsArg, optionalCallback}})
)
