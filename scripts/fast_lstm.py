"""A training-time replacement for nn.LSTM on PackedSequence input that is fast on CPU.

torch's CPU LSTM over a PackedSequence slices the packed input once per time step, and the
backward pass of each slice allocates a zero tensor the size of the whole input: training cost
grows with (sentence length x batch size x length). Stanza's taggers and parser all feed packed
sequences, so on CPU their backward passes dominate training. This module runs the same LSTM
equations with a masked per-step loop (identical outputs and final states to the packed kernel),
whose backward is linear. It is used only while training; inference keeps torch's kernel.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence

_original_forward = nn.LSTM.forward


def _run_direction(xproj_steps, batch_sizes, h0, c0, w_hh, reverse):
    """Run one direction over packed data without padding.

    xproj_steps: per-time-step chunks of the packed input projection (bs_t x 4H), sequences
    sorted by decreasing length as in a PackedSequence; h0, c0: B x H in sorted order.
    Returns the packed outputs (same layout as the input data) and final h, c (sorted order).
    """
    T = len(xproj_steps)
    outputs = [None] * T
    if not reverse:
        h, c = h0, c0
        finals_h, finals_c = [], []
        for t in range(T):
            bs = int(batch_sizes[t])
            if bs < h.size(0):
                finals_h.append(h[bs:])
                finals_c.append(c[bs:])
                h, c = h[:bs], c[:bs]
            gates = xproj_steps[t] + h @ w_hh.t()
            i, f, g, o = gates.chunk(4, 1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
            outputs[t] = h
        finals_h.append(h)
        finals_c.append(c)
        h_n = torch.cat(finals_h[::-1], 0)
        c_n = torch.cat(finals_c[::-1], 0)
        return torch.cat(outputs, 0), h_n, c_n
    h, c = h0[:0], c0[:0]
    for t in range(T - 1, -1, -1):
        bs = int(batch_sizes[t])
        if bs > h.size(0):
            h = torch.cat([h, h0[h.size(0):bs]], 0)
            c = torch.cat([c, c0[c.size(0):bs]], 0)
        gates = xproj_steps[t] + h @ w_hh.t()
        i, f, g, o = gates.chunk(4, 1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        outputs[t] = h
    return torch.cat(outputs, 0), h, c


def fast_packed_forward(self: nn.LSTM, input, hx=None):
    if not isinstance(input, PackedSequence) or not self.training or self.proj_size:
        return _original_forward(self, input, hx)
    data, batch_sizes, sorted_indices, unsorted_indices = input
    B = int(batch_sizes[0])
    num_dir = 2 if self.bidirectional else 1
    if hx is None:
        zeros = data.new_zeros(self.num_layers * num_dir, B, self.hidden_size)
        hx = (zeros, zeros)
    elif sorted_indices is not None:
        hx = (hx[0].index_select(1, sorted_indices), hx[1].index_select(1, sorted_indices))
    sizes = [int(b) for b in batch_sizes]
    layer_input = data
    h_n, c_n = [], []
    for layer in range(self.num_layers):
        dir_outputs = []
        for d in range(num_dir):
            suffix = f"_l{layer}" + ("_reverse" if d else "")
            xproj = layer_input @ getattr(self, "weight_ih" + suffix).t()
            if self.bias:
                xproj = xproj + getattr(self, "bias_ih" + suffix) + getattr(self, "bias_hh" + suffix)
            idx = layer * num_dir + d
            out, h, c = _run_direction(torch.split(xproj, sizes, 0), sizes, hx[0][idx], hx[1][idx],
                                       getattr(self, "weight_hh" + suffix), reverse=bool(d))
            dir_outputs.append(out)
            h_n.append(h)
            c_n.append(c)
        layer_input = torch.cat(dir_outputs, 1) if num_dir == 2 else dir_outputs[0]
        if self.dropout and layer < self.num_layers - 1:
            layer_input = nn.functional.dropout(layer_input, self.dropout, training=True)
    h_n = torch.stack(h_n, 0)
    c_n = torch.stack(c_n, 0)
    if unsorted_indices is not None:
        h_n = h_n.index_select(1, unsorted_indices)
        c_n = c_n.index_select(1, unsorted_indices)
    return PackedSequence(layer_input, batch_sizes, sorted_indices, unsorted_indices), (h_n, c_n)


def install() -> None:
    nn.LSTM.forward = fast_packed_forward


def _fast_pad_packed_sequence(data, batch_sizes, batch_first, padding_value, total_length):
    """torch._VF._pad_packed_sequence with a linear-cost backward (one index_copy, no per-step slices)."""
    sizes = [int(b) for b in batch_sizes]
    steps = max(len(sizes), int(total_length))
    batch = sizes[0]
    index = torch.cat([torch.arange(bs) + t * batch for t, bs in enumerate(sizes)]).to(data.device)
    flat = data.new_full((steps * batch, *data.shape[1:]), padding_value).index_copy(0, index, data)
    padded = flat.view(steps, batch, *data.shape[1:])
    if batch_first:
        padded = padded.transpose(0, 1)
    lengths = torch.zeros(batch, dtype=torch.int64)
    for bs in sizes:
        lengths[:bs] += 1
    return padded, lengths


def install_all() -> None:
    """Patch LSTM and pad_packed_sequence for training on CPU."""
    install()
    torch._VF._pad_packed_sequence = _fast_pad_packed_sequence
    torch.nn.utils.rnn.pad_sequence = _fast_pad_sequence


def _fast_pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """torch.nn.utils.rnn.pad_sequence with one index_copy instead of a slice copy per sequence."""
    if padding_side != "right" or isinstance(sequences, torch.Tensor):
        return _original_pad_sequence(sequences, batch_first, padding_value, padding_side)
    sequences = list(sequences)
    lengths = [s.size(0) for s in sequences]
    longest = max(lengths)
    trailing = sequences[0].shape[1:]
    data = torch.cat(sequences, 0)
    index = torch.cat([torch.arange(n) + i * longest for i, n in enumerate(lengths)]).to(data.device)
    flat = data.new_full((len(sequences) * longest, *trailing), padding_value).index_copy(0, index, data)
    padded = flat.view(len(sequences), longest, *trailing)
    return padded if batch_first else padded.transpose(0, 1)


_original_pad_sequence = torch.nn.utils.rnn.pad_sequence
