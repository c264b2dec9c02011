#!/usr/bin/env python3
"""Time one training step of chapter 14's transformer in PyTorch.

Not run by the tests or CI. The same model and shapes as the chapter's
BenchmarkTrainStep: 48 tokens, context 32, width 32, 4 heads, a
feed-forward width of 128, 2 pre-norm causal blocks, sinusoidal
positions added to embeddings scaled by sqrt(32), a final layer norm, a
projection with bias, the mean cross-entropy over 16 windows of 32
tokens, and one step of Adam (step size 0.01, betas 0.9 and 0.99, eps
1e-8), in float64 like the Go code (--float32 for single precision), on
one CPU thread.

    python3 chapters/14-transformer/testdata/torch_step.py [--float32]

It prints the mean time per step over 200 steps, after 20 to warm up,
and the tokens per second. The batch is random tokens drawn with a fixed
seed: the time of a step does not depend on what the tokens are.
"""

import math
import sys
import time

import torch

VOCAB, CONTEXT, WIDTH, HEADS, HIDDEN, BLOCKS, BATCH = 48, 32, 32, 4, 128, 2, 16
WARMUP, STEPS = 20, 200


class Block(torch.nn.Module):
    """x + MHA(LN(x)), then h + FFN(LN(h)), as chapter 13's Block."""

    def __init__(self):
        super().__init__()
        self.ln1 = torch.nn.LayerNorm(WIDTH, eps=1e-5)
        self.q = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.k = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.v = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.out = torch.nn.Linear(WIDTH, WIDTH)
        self.ln2 = torch.nn.LayerNorm(WIDTH, eps=1e-5)
        self.up = torch.nn.Linear(WIDTH, HIDDEN)
        self.down = torch.nn.Linear(HIDDEN, WIDTH)
        mask = torch.tril(torch.ones(CONTEXT, CONTEXT, dtype=torch.bool))
        self.register_buffer("mask", mask)

    def forward(self, x):
        b, n, _ = x.shape
        dh = WIDTH // HEADS
        h = self.ln1(x)
        q = self.q(h).view(b, n, HEADS, dh).transpose(1, 2)
        k = self.k(h).view(b, n, HEADS, dh).transpose(1, 2)
        v = self.v(h).view(b, n, HEADS, dh).transpose(1, 2)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(dh)
        weights = scores.masked_fill(~self.mask[:n, :n], float("-inf"))
        mixed = (weights.softmax(-1) @ v).transpose(1, 2).reshape(b, n, WIDTH)
        x = x + self.out(mixed)
        ffn = self.down(torch.nn.functional.gelu(self.up(self.ln2(x)),
                                                 approximate="tanh"))
        return x + ffn


class Model(torch.nn.Module):
    """Chapter 14's Model: Head ∘ Block₂ ∘ Block₁ ∘ Embed."""

    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(VOCAB, WIDTH)
        pe = torch.zeros(CONTEXT, WIDTH)
        for p in range(CONTEXT):
            for j in range(WIDTH):
                angle = p / 10000 ** ((j - j % 2) / WIDTH)
                pe[p, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
        self.register_buffer("positions", pe)
        self.blocks = torch.nn.ModuleList([Block() for _ in range(BLOCKS)])
        self.norm = torch.nn.LayerNorm(WIDTH, eps=1e-5)
        self.head = torch.nn.Linear(WIDTH, VOCAB)

    def forward(self, ids):
        x = self.embed(ids) * math.sqrt(WIDTH) + self.positions[: ids.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))


def main():
    torch.set_num_threads(1)
    dtype = torch.float32 if "--float32" in sys.argv[1:] else torch.float64
    torch.manual_seed(1)
    model = Model().to(dtype)
    adam = torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.9, 0.99),
                            eps=1e-8)
    gen = torch.Generator().manual_seed(1)
    windows = torch.randint(0, VOCAB, (BATCH, CONTEXT + 1), generator=gen)
    inputs, targets = windows[:, :CONTEXT], windows[:, 1:]

    def step():
        logits = model(inputs)
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, VOCAB), targets.reshape(-1))
        adam.zero_grad(set_to_none=False)
        loss.backward()
        adam.step()

    for _ in range(WARMUP):
        step()
    start = time.perf_counter()
    for _ in range(STEPS):
        step()
    per_step = (time.perf_counter() - start) / STEPS
    params = sum(p.numel() for p in model.parameters())
    print(f"torch {torch.__version__}, {dtype}, {torch.get_num_threads()} "
          f"thread: {params} parameters, {per_step * 1e3:.2f} ms/step, "
          f"{BATCH * CONTEXT / per_step:.0f} tokens/s")


if __name__ == "__main__":
    main()
