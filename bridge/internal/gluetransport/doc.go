// Package gluetransport is the messaging half of the glue's Go side: the calls into extwasm.js's
// internal object (extwasm.internal) that package bridge sends, receives and opens ports through.
// It is internal because extension code uses bridge for messaging; jsglue's public API is the
// helpers programs call themselves. Everything but this file exists only under GOOS=js.
package gluetransport
