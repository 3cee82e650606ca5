package wasmjs

// Guest time is the wall time spent running wasm code, excluding the imports it calls (and
// including wasm entered again from inside an import). It tells how much of a workload is the
// guest's own code, which no change to the host can make faster. Measuring costs two clock reads
// per import call, so it is off unless asked for.

// MeasureGuestTime turns guest-time accounting on or off for calls into wasm that start from now
// on; EngineStats.GuestTime reports the total.
func (e *Engine) MeasureGuestTime(on bool) { e.measureGuest.Store(on) }

// guestEnter marks the start of a stretch of wasm: a call into an export, or the return from an
// import back into wasm.
func (in *instance) guestEnter() {
	if in.measuring {
		in.guestMark = in.host.engine.now()
	}
}

// guestLeave ends the stretch begun by guestEnter: an import call starts or the export returns.
func (in *instance) guestLeave() {
	if in.measuring {
		in.host.engine.guestNanos.Add(int64(in.host.engine.now().Sub(in.guestMark)))
	}
}
