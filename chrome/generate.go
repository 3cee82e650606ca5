package chrome

//go:generate go run ./internal/gen/generate
