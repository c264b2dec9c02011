package lit

// Chunk is a named chunk or a file root: the go blocks that define it, in
// document order, and the lines that refer to it.
type Chunk struct {
	Name   string // the chunk name, or for a file root the file= path
	File   bool   // whether this is a file root
	Pieces []*Block
	Uses   []Use
}

// Use is a reference to a chunk: line Line of Block is <<name>>.
type Use struct {
	Block *Block
	Line  int // index into Block.Lines
}

// Index lists the chunks of one document.
type Index struct {
	Chunks []*Chunk // named chunks and file roots, in order of first definition
	Expect []*Block // expect-error blocks, in document order
	Refs   []Use    // every reference in a tangled block, in document order
	named  map[string]*Chunk
	files  map[string]*Chunk
}

// Named returns the named chunk called name, or nil.
func (x *Index) Named(name string) *Chunk { return x.named[name] }

// File returns the root of file path, or nil.
func (x *Index) File(path string) *Chunk { return x.files[path] }

// Names returns the names of the named chunks, in order of first definition.
func (x *Index) Names() []string {
	var names []string
	for _, c := range x.Chunks {
		if !c.File {
			names = append(names, c.Name)
		}
	}
	return names
}

func newIndex(blocks []*Block) *Index {
	x := &Index{named: map[string]*Chunk{}, files: map[string]*Chunk{}}
	add := func(m map[string]*Chunk, key string, file bool, b *Block) {
		c := m[key]
		if c == nil {
			c = &Chunk{Name: key, File: file}
			m[key] = c
			x.Chunks = append(x.Chunks, c)
		}
		b.Chunk, b.Piece = c, len(c.Pieces)
		c.Pieces = append(c.Pieces, b)
	}
	for _, b := range blocks {
		switch {
		case !b.Tangled():
			continue
		case b.File != "":
			add(x.files, b.File, true, b)
		case b.Name != "":
			add(x.named, b.Name, false, b)
		default:
			x.Expect = append(x.Expect, b)
		}
	}
	for _, b := range blocks {
		if !b.Tangled() {
			continue
		}
		for i, ln := range b.Lines {
			if ln.Ref == "" {
				continue
			}
			u := Use{Block: b, Line: i}
			x.Refs = append(x.Refs, u)
			if c := x.named[ln.Ref]; c != nil {
				c.Uses = append(c.Uses, u)
			}
		}
	}
	return x
}
