package workshop

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The states of an exercise, as list and status report them.
const (
	StatePending = "pending" // never checked
	StateFailing = "failing" // the last check failed, and the file is as it was then
	StateDone    = "done"    // the last check passed, and the file is as it was then
	StateEdited  = "edited"  // the file changed since its last check
)

// Progress is what the runner remembers of each exercise, in
// .workshop/progress.json.
type Progress struct {
	Version   int                `json:"version"`
	Exercises map[string]*Record `json:"exercises"`
}

// Record is the history of one exercise.
type Record struct {
	Passed   bool      `json:"passed"`             // whether the last check passed
	Sum      string    `json:"sum"`                // SHA-256 of the reader's file at the last check
	Summary  string    `json:"summary"`            // the last check's result, in a line
	Checks   int       `json:"checks"`             // how many times it was checked
	Last     time.Time `json:"last"`               // when it was last checked
	DoneAt   time.Time `json:"done_at,omitzero"`   // when it first passed
	Revealed bool      `json:"revealed,omitempty"` // whether solution -reveal showed it before it passed
}

func loadProgress(root string) (*Progress, error) {
	p := &Progress{Version: 1, Exercises: map[string]*Record{}}
	data, err := os.ReadFile(filepath.Join(root, StateDir, ProgressFile))
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, p); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(StateDir, ProgressFile), err)
	}
	if p.Exercises == nil {
		p.Exercises = map[string]*Record{}
	}
	return p, nil
}

func (p *Progress) save(root string) error {
	data, err := json.MarshalIndent(p, "", "\t")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(root, StateDir, ProgressFile), append(data, '\n'), 0o644)
}

func (p *Progress) record(id string) *Record {
	r := p.Exercises[id]
	if r == nil {
		r = &Record{}
		p.Exercises[id] = r
	}
	return r
}

// state returns the state of exercise e whose file now has checksum sum.
func (p *Progress) state(e *Exercise, sum string) string {
	r := p.Exercises[e.ID]
	switch {
	case r == nil || r.Checks == 0 || r.Sum == "": // never checked, or reset
		return StatePending
	case r.Sum != sum:
		return StateEdited
	case r.Passed:
		return StateDone
	}
	return StateFailing
}

// fileSum returns the checksum of a file, or "" if it cannot be read.
func fileSum(name string) string {
	data, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// writeFileAtomic writes data to name through a temporary file in the
// same directory, so that no reader sees half a file.
func writeFileAtomic(name string, data []byte, perm fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".workshop-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
