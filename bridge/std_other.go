//go:build !js

package bridge

func std() (*endpoint, error) { return nil, ErrUnsupported }
