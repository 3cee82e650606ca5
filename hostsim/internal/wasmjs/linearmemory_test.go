package wasmjs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDoublingMemoryGrowsWithFewCopies(t *testing.T) {
	const page = 64 << 10
	m := newDoublingMemory(page, 4096*page)
	b := m.Reallocate(page)
	require.Len(t, b, page)
	b[0] = 42
	moves := 0
	for pages := uint64(2); pages <= 1024; pages++ {
		nb := m.Reallocate(pages * page)
		require.Len(t, nb, int(pages*page))
		if &nb[0] != &b[0] {
			moves++
		}
		assert.Equal(t, byte(42), nb[0], "contents survive growth")
		assert.Zero(t, nb[len(nb)-1], "new pages are zero")
		b = nb
	}
	assert.Equal(t, 10, moves, "growing one page at a time to 1024 pages moves the memory log2(1024) times")
}

func TestDoublingMemoryStopsAtItsMaximum(t *testing.T) {
	const page = 64 << 10
	m := newDoublingMemory(page, 3*page)
	require.Len(t, m.Reallocate(2*page), 2*page)
	assert.Equal(t, 3*page, cap(m.Reallocate(3*page)), "capacity is capped at the maximum")
	assert.Nil(t, m.Reallocate(4*page), "growing past the maximum fails, so memory.grow returns -1")
	m.Free()
}
