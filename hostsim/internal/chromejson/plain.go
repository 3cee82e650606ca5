package chromejson

// plainPrefix is the length of the longest prefix of s that JSON writes as it is: no control
// character, quote or backslash. Messages are mostly such text, and a 64 MiB one is walked several
// times on its way (serialised, measured against the limit, parsed), so the walk tests eight bytes
// at a time.
func plainPrefix(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte below 0x20, or one equal to '"' or '\\' (zero after the xor), sets its high
		// bit in the matching term; bytes from 0x80 up never do, whatever borrows.
		control := (x - ones*0x20) &^ x & highs
		q := x ^ ones*'"'
		quote := (q - ones) &^ q & highs
		b := x ^ ones*'\\'
		backslash := (b - ones) &^ b & highs
		if control|quote|backslash != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return len(s)
}
