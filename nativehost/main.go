package nativehost

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Main runs h as the whole native host program and exits: it reads the caller from the command
// line (see [ParseArgs] and [CallerFrom]), serves stdin and stdout with [Serve], and exits with
// status 0 when the browser closes the connection, 1 on error.
//
// Stdout belongs to the protocol, so Main points os.Stdout at stderr before serving: a stray
// fmt.Println in the host then ends up in the log instead of corrupting the stream. (Output written
// to file descriptor 1 by C code or child processes is not redirected.)
func Main(h Handler, opts ...Option) {
	os.Exit(run(h, os.Args[1:], opts...))
}

func run(h Handler, args []string, opts ...Option) int {
	cfg := config{}
	for _, o := range opts {
		o(&cfg)
	}
	logger := cfg.logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	caller, err := ParseArgs(args)
	if err != nil {
		// Serve with an empty caller: handlers see no origin and AllowOrigins refuses it.
		logger.Warn("unexpected command line", "err", err)
	}
	out := os.Stdout
	os.Stdout = os.Stderr
	defer func() { os.Stdout = out }()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	all := append([]Option{WithCaller(caller), WithLogger(logger)}, opts...)
	if err := Serve(ctx, os.Stdin, out, h, all...); err != nil && ctx.Err() == nil {
		logger.Error("native host stopped", "err", err)
		return 1
	}
	return 0
}
