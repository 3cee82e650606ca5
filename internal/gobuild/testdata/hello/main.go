// Command hello prints a greeting: the smallest program gobuild's tests build.
package main

import "fmt"

func main() { fmt.Println("hello") }
