#!/usr/bin/env python3
"""PyTorch reference for DensityBenchmark.speed: the conditional VAE of density-models' VaeTrainer.

Same architecture (encoder d+1 -> hidden -> 2*latent, decoder latent+1 -> reversed hidden -> d, ReLU,
PyTorch default init), loss (1 - beta) * MSE + beta * KL, Adam, batch size, epochs, a 20 % validation part
evaluated every epoch, one thread.

Usage: density_vae_torch.py data.f32 n d epochs batch hidden(64,64) latent beta lr valfrac seed
data.f32: n rows of d preprocessed features then preprocessed mjj, float32 little-endian.
Prints 'seconds <training wall time>' and 'cpu_seconds <CPU time of the training thread>'.
"""
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_num_interop_threads(1)


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def main():
    path, n, d, epochs, batch, hidden, latent, beta, lr, valfrac, seed = sys.argv[1:12]
    n, d, epochs, batch, latent, seed = int(n), int(d), int(epochs), int(batch), int(latent), int(seed)
    hidden = [int(h) for h in hidden.split(",")]
    beta, lr, valfrac = float(beta), float(lr), float(valfrac)
    torch.manual_seed(seed % (2 ** 31))
    data = torch.from_numpy(np.fromfile(path, dtype="<f4").reshape(n, d + 1).copy())
    perm = torch.randperm(n)
    nval = max(1, round(valfrac * n))
    val, tr = data[perm[:nval]], data[perm[nval:]]
    enc = mlp([d + 1] + hidden + [2 * latent])
    dec = mlp([latent + 1] + hidden[::-1] + [d])
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=lr)

    def loss_of(xc, eps):
        x, c = xc[:, :d], xc[:, d:]
        mu, logvar = enc(xc).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * logvar) * eps
        xhat = dec(torch.cat([z, c], 1))
        mse = ((xhat - x) ** 2).mean()
        kl = 0.5 * (mu ** 2 + logvar.exp() - 1 - logvar).sum() / x.shape[0]
        return (1 - beta) * mse + beta * kl

    val_eps = torch.randn(nval, latent)
    t0 = time.perf_counter()
    c0 = time.thread_time()
    best = float("inf")
    for epoch in range(epochs):
        order = torch.randperm(tr.shape[0])
        total = 0.0
        for start in range(0, tr.shape[0], batch):
            xb = tr[order[start:start + batch]]
            loss = loss_of(xb, torch.randn(xb.shape[0], latent))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        with torch.no_grad():
            vl = 0.0
            for start in range(0, nval, 8192):
                vl += loss_of(val[start:start + 8192], val_eps[start:start + 8192]).item() * min(8192, nval - start)
            vl /= nval
        best = min(best, vl)
        if epoch == 0 or (epoch + 1) % 10 == 0:
            print(f"epoch {epoch + 1}: loss {total / tr.shape[0]:.5f} validation {vl:.5f}", flush=True)
    print(f"seconds {time.perf_counter() - t0:.3f}")
    print(f"cpu_seconds {time.thread_time() - c0:.3f}")
    print(f"torch {torch.__version__} threads {torch.get_num_threads()}")


if __name__ == "__main__":
    main()
