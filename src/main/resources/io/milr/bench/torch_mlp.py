"""The PyTorch peer of `milr bench`: the same MLP, initialisation family, data, minibatches, SGD and
epochs as the DL4J runs, on the CPU. Reads MNIST's IDX files itself and takes the example order
(the shuffle milr's minibatches use) from a file the bench writes, so every system trains on exactly
the same minibatches. Writes one JSON result in the bench's own format (io.milr.bench.SystemRun).

Thread settings come from the environment the bench sets (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS=1,
MKL_NUM_THREADS=1) and torch.set_num_threads(--threads), before any tensor work.
"""
import argparse
import gzip
import json
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"{path}: not an unsigned-byte IDX file (magic {data[:4].hex()})")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(images_path, labels_path, limit, scale_max):
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if limit > 0:
        images, labels = images[:limit], labels[:limit]
    x = images.reshape(len(images), -1).astype(np.float32) / np.float32(scale_max)
    return torch.from_numpy(x), torch.from_numpy(labels.astype(np.int64))


ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "leakyrelu": nn.LeakyReLU, "elu": nn.ELU}


def network(inputs, hidden, outputs, activation):
    """Dense layers as io.milr.model.ModelSpec builds them: Xavier-normal weights (DL4J's XAVIER,
    variance 2 / (fan_in + fan_out)), zero biases; softmax + cross-entropy at the output."""
    layers, width = [], inputs
    for size in hidden:
        layers += [nn.Linear(width, size), ACTIVATIONS[activation]()]
        width = size
    layers.append(nn.Linear(width, outputs))
    model = nn.Sequential(*layers)
    for layer in model:
        if isinstance(layer, nn.Linear):
            nn.init.xavier_normal_(layer.weight)
            nn.init.zeros_(layer.bias)
    return model


def accuracy(model, x, y):
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(x), 1024):
            correct += (model(x[start:start + 1024]).argmax(1) == y[start:start + 1024]).sum().item()
    model.train()
    return correct / len(x)


def main():
    p = argparse.ArgumentParser()
    for name in ("train-images", "train-labels", "test-images", "test-labels", "order", "out", "label"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--train-limit", type=int, default=0)
    p.add_argument("--test-limit", type=int, default=0)
    p.add_argument("--scale-max", type=float, default=255.0)
    p.add_argument("--hidden", required=True)
    p.add_argument("--activation", default="relu")
    p.add_argument("--classes", type=int, required=True)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--run", type=int, required=True)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x_train, y_train = load(a.train_images, a.train_labels, a.train_limit, a.scale_max)
    x_test, y_test = load(a.test_images, a.test_labels, a.test_limit, a.scale_max)
    order = torch.from_numpy(np.fromfile(a.order, dtype=">i4").astype(np.int64))
    if len(order) != len(x_train):
        sys.exit(f"{a.order}: {len(order)} indices for {len(x_train)} training examples")
    # milr shuffles once and keeps the minibatches; so does this run.
    x_train, y_train = x_train[order].contiguous(), y_train[order].contiguous()
    batches = [(x_train[s:s + a.batch], y_train[s:s + a.batch]) for s in range(0, len(x_train), a.batch)]

    hidden = [int(h) for h in a.hidden.split(",") if h.strip()]
    model = network(x_train.shape[1], hidden, a.classes, a.activation)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=a.lr)

    epochs = []
    for epoch in range(1, a.epochs + 1):
        loss_sum = 0.0
        start = time.perf_counter()
        for xb, yb in batches:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
        seconds = time.perf_counter() - start
        epochs.append({"epoch": epoch, "seconds": seconds, "testAccuracy": accuracy(model, x_test, y_test),
                       "trainLoss": loss_sum / len(batches)})
        print(f"epoch {epoch}/{a.epochs} {seconds:.2f}s test acc {epochs[-1]['testAccuracy']:.4f}", flush=True)

    notes = (f"torch {torch.__version__}, torch.set_num_threads({a.threads}), get_num_threads()="
             f"{torch.get_num_threads()}, OMP_NUM_THREADS={a.threads}, OPENBLAS_NUM_THREADS=1")
    with open(a.out, "w") as f:
        json.dump({"system": "pytorch", "label": a.label, "threads": a.threads, "run": a.run, "epochs": epochs,
                   "notes": notes, "jobs": []}, f)


if __name__ == "__main__":
    main()
