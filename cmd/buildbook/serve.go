package main

import (
	"context"
	"io"
)

func serveBook(ctx context.Context, b *builder, addr string, public bool, stdout, stderr io.Writer) int {
	return 2
}
