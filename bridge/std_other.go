//go:build !js

package bridge

// std is the program's endpoint: outside GOOS=js there is no browser, unless package bridgetest
// runs the code (see own and from).
func std() (*endpoint, error) { return nil, ErrUnsupported }
