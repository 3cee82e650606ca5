package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/extwasm/extwasm/internal/chromium"
)

func runChromium(args []string, stdout, stderr io.Writer) error {
	fs := newFlags(chromiumUsage, stderr)
	headful := fs.Bool("headful", false, "show a browser window instead of running headless")
	if err := fs.Parse(args); err != nil {
		return err
	}
	folders, err := readyExtensions(fs, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	startCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	b, err := chromium.Launch(startCtx, chromium.Options{Extensions: folders, Headful: *headful, Log: stdout})
	if err != nil {
		return err
	}
	defer b.Close()
	for _, f := range folders {
		id, err := chromium.ExtensionID(f)
		if err != nil {
			return err
		}
		w, err := b.WaitWorker(startCtx, id)
		if err != nil {
			return fmt.Errorf("%s: %w\nbrowser output:\n%s", f, err, b.Output())
		}
		fmt.Fprintf(stdout, "%s\n  extension id: %s\n  worker: %s\n", f, id, w.URL)
	}
	fmt.Fprintln(stdout, "Chromium is running; Ctrl-C closes it.")
	<-ctx.Done()
	return nil
}
