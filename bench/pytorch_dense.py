#!/usr/bin/python3
"""The talk's dense network in PyTorch on CPU, for bench/dense-vs-pytorch.sh: the same samples,
architecture, initialisation, loss and optimiser as Aisle's `dense`, timed the same way.

    pytorch_dense.py SENTENCES PRODUCTS EPOCHS BATCH THREADS [--one-hot]

SENTENCES is `aisle export --format sentences` (one session per line, product ids by spaces).
The network covers the PRODUCTS most browsed products (ties by id, as Aisle orders them). A
sample is one browse event of a covered product in a session with at least two distinct covered
products; its target is the session's other distinct covered products, normalised to sum 1.

The first layer is a row gather (nn.Embedding plus a bias: the same function as a Linear layer
on a one-hot input, which is what Keras computes); --one-hot multiplies real one-hot rows instead,
as the talk's Keras code did. Prints one line: samples_per_epoch seconds samples_per_second
(training only: reading, sampling and building the model are not timed).
"""
import collections
import math
import sys
import time

import torch

sentences_file = sys.argv[1]
products, epochs, batch, threads = (int(a) for a in sys.argv[2:6])
one_hot = "--one-hot" in sys.argv[6:]
torch.set_num_threads(threads)
torch.manual_seed(42)

sessions = [line.split() for line in open(sentences_file)]
counts = collections.Counter(p for s in sessions for p in s)
ranked = sorted(counts, key=lambda p: (-counts[p], p))[:products]
ordinal = {p: i for i, p in enumerate(ranked)}
n = len(ranked)
hidden = 2 * n

inputs, target_rows, target_cols, target_vals = [], [], [], []
for s in sessions:
    covered = [ordinal[p] for p in s if p in ordinal]
    distinct = list(dict.fromkeys(covered))
    if len(distinct) < 2:
        continue
    for p in covered:
        others = [q for q in distinct if q != p]
        row = len(inputs)
        inputs.append(p)
        target_rows.extend([row] * len(others))
        target_cols.extend(others)
        target_vals.extend([1.0 / len(others)] * len(others))
samples = len(inputs)
x_all = torch.tensor(inputs, dtype=torch.long)
# the targets in compressed rows; each batch's rows are made dense when used
row_ptr = torch.zeros(samples + 1, dtype=torch.long)
row_ptr[1:] = torch.cumsum(torch.bincount(torch.tensor(target_rows), minlength=samples), 0)
cols_all = torch.tensor(target_cols, dtype=torch.long)
vals_all = torch.tensor(target_vals, dtype=torch.float32)


def targets(idx):
    lengths = row_ptr[idx + 1] - row_ptr[idx]
    first = torch.repeat_interleave(row_ptr[idx], lengths)
    offset = torch.arange(int(lengths.sum())) - torch.repeat_interleave(
        torch.cumsum(lengths, 0) - lengths, lengths)
    src = first + offset
    y = torch.zeros(len(idx), n)
    y[torch.repeat_interleave(torch.arange(len(idx)), lengths), cols_all[src]] = vals_all[src]
    return y



class Dense(torch.nn.Module):
    def __init__(self):
        super().__init__()
        limit = math.sqrt(6.0 / (n + hidden))  # Glorot uniform, zero biases (Keras defaults)
        self.w1 = torch.nn.Parameter(torch.empty(n, hidden).uniform_(-limit, limit))
        self.b1 = torch.nn.Parameter(torch.zeros(hidden))
        self.out = torch.nn.Linear(hidden, n)
        torch.nn.init.uniform_(self.out.weight, -limit, limit)
        torch.nn.init.zeros_(self.out.bias)

    def forward(self, x):
        if one_hot:
            h = torch.nn.functional.one_hot(x, n).float() @ self.w1
        else:
            h = self.w1[x]
        return torch.log_softmax(self.out(torch.relu(h + self.b1)), dim=1)


model = Dense()
# Keras's RMSprop defaults: learning rate 0.001, rho 0.9, epsilon 1e-7 (PyTorch calls rho alpha)
optimiser = torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.9, eps=1e-7)
rows = torch.arange(samples)
start = time.perf_counter()
for epoch in range(epochs):
    order = rows[torch.randperm(samples)]
    for b in range(0, samples, batch):
        idx = order[b:b + batch]
        y = targets(idx)
        optimiser.zero_grad()
        loss = -(y * model(x_all[idx])).sum(dim=1).mean()
        loss.backward()
        optimiser.step()
seconds = time.perf_counter() - start
print(f"{samples} {seconds:.3f} {epochs * samples / seconds:.1f}")
