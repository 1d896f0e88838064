package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/openinfo/openinfo/internal/app"
	"github.com/openinfo/openinfo/store"
)

// openinfo backup FILE copies the running SQLite database to FILE (online:
// the site keeps serving, readers and writers alike); openinfo restore FILE
// puts such a copy back once every server has stopped. PostgreSQL has
// pg_dump and pg_restore for both; the commands say so.

// fileArg takes the one file argument when it comes before the flags.
func fileArg(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

func backupCmd(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	file, args := fileArg(args)
	c, err := app.ParseConfig("backup", args, env, stderr, nil)
	if err != nil {
		return err
	}
	if file == "" && len(extraArgs(args)) > 0 {
		file = extraArgs(args)[0]
	}
	if c.DatabaseURL != "" && isPostgres(c.DatabaseURL) {
		return store.ErrPostgresBackup
	}
	if file == "" {
		return errors.New("backup: name the file to write: openinfo backup FILE")
	}
	db, err := store.Open(ctx, c.DSN())
	if err != nil {
		return err
	}
	defer db.Close()
	info, err := db.Backup(ctx, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup of %s written to %s (%d bytes, %v); it passed SQLite's integrity check\n",
		c.DSN(), info.Path, info.Size, info.Duration.Round(1e6))
	return nil
}

func restoreCmd(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	file, args := fileArg(args)
	c, err := app.ParseConfig("restore", args, env, stderr, nil)
	if err != nil {
		return err
	}
	if file == "" && len(extraArgs(args)) > 0 {
		file = extraArgs(args)[0]
	}
	if c.DatabaseURL != "" && isPostgres(c.DatabaseURL) {
		return store.ErrPostgresBackup
	}
	if file == "" {
		return errors.New("restore: name the backup to restore: openinfo restore FILE")
	}
	kept, err := store.Restore(ctx, file, c.DSN())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s restored to %s\n", file, c.DSN())
	if kept != "" {
		fmt.Fprintf(stdout, "the database it replaced is kept as %s (delete it when you no longer need it)\n", kept)
	}
	fmt.Fprintln(stdout, "start the servers again; they migrate the schema if the backup is older than this version")
	return nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// extraArgs returns what follows the flags ("--data-dir x FILE").
func extraArgs(args []string) []string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return args[i+1:]
		}
		if !strings.HasPrefix(a, "-") {
			return args[i:]
		}
		if !strings.Contains(a, "=") && i+1 < len(args) {
			i++ // the flag's value
		}
	}
	return nil
}
