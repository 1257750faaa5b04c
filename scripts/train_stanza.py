"""Train quotekit's English Stanza models on CPU from the openly licensed data in ../shared/data.

Run by hand, never by CI. Each processor trains in its own process (so two can share the two cores),
logs to ``WORK/logs/<processor>.log``, keeps the best model on dev as it goes, and is skipped once
its model is finished, so rerunning the same command resumes where it stopped:

    python scripts/train_stanza.py prepare
    python scripts/train_stanza.py tokenize &   python scripts/train_stanza.py pos &
    python scripts/train_stanza.py mwt lemma ner
    python scripts/train_stanza.py retag         # parser data with our tagger's predicted tags
    python scripts/train_stanza.py depparse
    python scripts/train_stanza.py install      # copy the finished models into models/stanza/en
    python scripts/train_stanza.py score        # UD EWT test / UNER test scores for the model card

Stanza's trainers are written for GPUs; two changes make them practical on 2 CPU cores:
step counts and batch sizes scaled down (below), and ``torch.nn.functional.bilinear`` replaced by an
equivalent matmul formulation whose backward pass is ~10x faster than the batched-gemv kernel that
the CPU build of torch uses (the POS tagger's composite XPOS/UFeats scorers spend all their time there).
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_WORK = REPO / "work" / "train"
MODEL_DIR = REPO / "models" / "stanza" / "en"
TREEBANK = "UD_English-EWT"
SHORT = "en_ewt"
THREADS = os.environ.get("OMP_NUM_THREADS", "1")

# Installed file name -> where the trainer saves it (relative to WORK/saved)
INSTALLED = {
    "tokenize.pt": "tokenize/en_ewt_tokenizer.pt",
    "mwt.pt": "mwt/en_ewt_mwt_expander.pt",
    "pos.pt": "pos/en_ewt_nocharlm_tagger.pt",
    "lemma.pt": "lemma/en_ewt_nocharlm_lemmatizer.pt",
    "depparse.pt": "depparse/en_ewt_nocharlm_parser.pt",
    "ner.pt": "ner/en_quotekit_nertagger.pt",
    "pretrain.pt": "pretrain/en_quotekit.pt",
}

# Trainer arguments, scaled for 2 CPU cores (Stanza's defaults assume a GPU).
TRAIN_ARGS = {
    "tokenize": ["--steps", "20000", "--eval_steps", "1000", "--max_steps_before_stop", "6000"],
    "mwt": ["--num_epoch", "15", "--decay_epoch", "8"],
    "pos": ["--max_steps", "2500", "--eval_interval", "250", "--max_steps_before_stop", "1000",
            "--batch_size", "50", "--char_hidden_dim", "100", "--char_emb_dim", "50", "--log_step", "20"],
    "lemma": ["--num_epoch", "2", "--decay_epoch", "1", "--batch_size", "200"],
    "depparse": ["--max_steps", "2500", "--eval_interval", "250", "--max_steps_before_stop", "1000",
                 "--batch_size", "1000", "--hidden_dim", "200", "--char_hidden_dim", "100",
                 "--char_emb_dim", "50", "--deep_biaff_hidden_dim", "200", "--log_step", "10"],
    "ner": ["--max_steps", "6000", "--eval_interval", "300", "--max_steps_no_improve", "2000",
            "--batch_size", "32", "--log_step", "20"],
}


def fast_bilinear(input1, input2, weight, bias=None):
    """Same result as torch.nn.functional.bilinear, with a backward pass that is fast on CPU."""
    out_features, in1, in2 = weight.shape
    lead = input1.shape[:-1]
    x1 = input1.reshape(-1, in1)
    x2 = input2.reshape(-1, in2)
    projected = (x1 @ weight.permute(1, 0, 2).reshape(in1, out_features * in2)).view(-1, out_features, in2)
    result = (projected * x2.unsqueeze(1)).sum(-1)
    if bias is not None:
        result = result + bias
    return result.view(*lead, out_features)


def setup_env(work: Path) -> None:
    os.environ["UDBASE"] = str(work / "extern" / "ud")
    os.environ["DATA_ROOT"] = str(work / "data")
    os.environ.setdefault("OMP_NUM_THREADS", THREADS)
    os.environ.setdefault("MKL_NUM_THREADS", THREADS)


def patch_torch() -> None:
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", THREADS)))
    F.bilinear = fast_bilinear
    # stanza 1.10's NER trainer passes verbose= to ReduceLROnPlateau, which torch 2.13 removed
    plateau = torch.optim.lr_scheduler.ReduceLROnPlateau

    class ReduceLROnPlateau(plateau):
        def __init__(self, *args, verbose=None, **kwargs):
            super().__init__(*args, **kwargs)

    torch.optim.lr_scheduler.ReduceLROnPlateau = ReduceLROnPlateau
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import fast_lstm

    fast_lstm.install_all()


def prepare(work: Path, data: Path) -> None:
    """Lay out the treebank as Stanza's prepare scripts expect and convert NER data to Stanza JSON."""
    ud = work / "extern" / "ud" / TREEBANK
    ud.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test"):
        link = ud / f"en_ewt-ud-{split}.conllu"
        if not link.exists():
            link.symlink_to(data / "ud_english_ewt" / f"en_ewt-ud-{split}.conllu")
    py = sys.executable
    steps = [
        ("tokenize", ["stanza.utils.datasets.prepare_tokenizer_treebank", TREEBANK]),
        ("mwt", ["stanza.utils.datasets.prepare_mwt_treebank", TREEBANK]),
        ("pos", ["stanza.utils.datasets.prepare_pos_treebank", TREEBANK]),
        ("lemma", ["stanza.utils.datasets.prepare_lemma_treebank", TREEBANK]),
        ("depparse", ["stanza.utils.datasets.prepare_depparse_treebank", TREEBANK, "--gold"]),
    ]
    for name, cmd in steps:
        if not (work / "data" / name).exists():
            subprocess.run([py, "-m", *cmd], check=True, env=os.environ.copy())
    ner_dir = work / "data" / "ner"
    ner_dir.mkdir(parents=True, exist_ok=True)
    uner = data / "uner_english_ewt"
    train = read_iob2(uner / "en_ewt-ud-train.iob2", label_col=2)
    train += read_iob1_wikigold(data / "ner_extra" / "wikigold" / "wikigold.conll.txt")
    btc_g = read_iob2(data / "ner_extra" / "btc" / "g.conll", label_col=1, sep="\t", token_col=0)
    train += btc_g
    write_ner_json(ner_dir / "en_quotekit.train.json", train)
    # rounds 7-8 (session 4) add every BTC section, not only the news outlets' tweets (g): UNER dev
    # F1 70.06 -> 71.48. Tweets hold whitespace-only tokens and stray I- labels, repaired here.
    btc_all = train[:len(train) - len(btc_g)]  # UNER + Wikigold
    for section in "abefgh":
        btc_all += read_iob2(data / "ner_extra" / "btc" / f"{section}.conll", label_col=1, sep="\t", token_col=0)
    write_ner_json(ner_dir / "en_quotekit.train_btcall.json", repair_iob2(btc_all))
    write_ner_json(ner_dir / "en_quotekit.dev.json", read_iob2(uner / "en_ewt-ud-dev.iob2", label_col=2))
    write_ner_json(ner_dir / "en_quotekit.test.json", read_iob2(uner / "en_ewt-ud-test.iob2", label_col=2))
    pretrain = work / "saved" / "pretrain" / "en_quotekit.pt"
    if not pretrain.exists():
        subprocess.run([py, str(REPO / "scripts" / "build_pretrain.py"), "--data", str(data),
                        "--out", str(pretrain), "--epochs", "15"], check=True)


def retag(work: Path) -> None:
    """Re-tag the parser's training data with our own tagger (Stanza trains its parsers this way).

    A parser trained on gold tags meets predicted ones at run time and loses several LAS points.
    The gold-tag data is kept in ``data/depparse_gold``; ``data/depparse`` then holds predicted tags.
    Run again after a better tagger round: the tags are redone with the best tagger so far.
    """
    data = work / "data"
    gold, predicted = data / "depparse_gold", data / "depparse"
    if gold.exists():
        print(f"retag: re-tagging {predicted} with the best tagger so far (gold tags stay in {gold})")
        shutil.rmtree(predicted, ignore_errors=True)
    else:
        predicted.rename(gold)
    saved = work / "saved"
    cmd = [sys.executable, "-m", "stanza.utils.datasets.prepare_depparse_treebank", TREEBANK, "--predicted",
           "--tagger_model", str(saved / INSTALLED["pos.pt"]),
           "--wordvec_pretrain_file", str(saved / INSTALLED["pretrain.pt"]), "--no_charlm"]
    try:
        subprocess.run(cmd, check=True, env=os.environ.copy())
    except BaseException:
        if predicted.exists():
            shutil.rmtree(predicted)
        shutil.copytree(gold, predicted)  # back to the gold tags rather than half-written data
        raise


def clean_label(label: str) -> str:
    label = label.strip()
    if label in ("", "O", "B-O", "I-O") or label.endswith(("-OTH", "-MISC")):
        return "O"
    return label


def read_iob2(path: Path, label_col: int, sep: str = "\t", token_col: int = 1) -> list[list[tuple[str, str]]]:
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            if current:
                sentences.append(current)
                current = []
            continue
        cols = line.split(sep)
        if len(cols) <= max(label_col, token_col):
            continue
        current.append((cols[token_col], clean_label(cols[label_col])))
    if current:
        sentences.append(current)
    return sentences


def read_iob1_wikigold(path: Path) -> list[list[tuple[str, str]]]:
    """Wikigold is IOB1: an entity starts with I- unless it follows one of the same type."""
    sentences, current = [], []
    previous = "O"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if current:
                sentences.append(current)
                current = []
            previous = "O"
            continue
        token, label = line.rsplit(" ", 1)
        label = opening_as_b(previous, clean_label(label))
        current.append((token, label))
        previous = label
    if current:
        sentences.append(current)
    return sentences


def opening_as_b(previous: str, label: str) -> str:
    """An entity that opens with I- (after O or another type) opens with B- in IOB2."""
    return "B-" + label[2:] if label.startswith("I-") and previous[2:] != label[2:] else label


def repair_iob2(sentences: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """Drop whitespace-only tokens (Stanza's NER data loader rejects them) and start an entity that
    opens with I- (after O or another type) with B-."""
    repaired = []
    for sentence in sentences:
        out, previous = [], "O"
        for token, label in sentence:
            if not token.strip() or any(ch.isspace() for ch in token):
                continue
            label = opening_as_b(previous, label)
            out.append((token, label))
            previous = label
        if out:
            repaired.append(out)
    return repaired


def write_ner_json(path: Path, sentences: list[list[tuple[str, str]]]) -> None:
    doc = [[{"text": tok, "ner": label} for tok, label in sent] for sent in sentences]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def continue_from_best(processor: str, target: Path, extra: list[str]) -> list[str]:
    """Start a new round of training from the best model so far (not from scratch).

    Within a round Stanza's parser resumes from its own checkpoint file; the tokenizer, tagger and NER
    trainers do not, so a new round loads the best weights (fresh optimizer state). The best model so far is kept
    as ``<name>.roundN.pt`` because a new round saves over ``target`` at its first dev evaluation.
    """
    rounds = sorted(target.parent.glob(target.stem + ".round*.pt"))
    backup = target.with_name(f"{target.stem}.round{len(rounds) + 1}.pt")
    backup.write_bytes(target.read_bytes())
    print(f"{processor}: continuing from {target} (kept as {backup.name})")
    if processor == "tokenize":
        return ["--load_name", str(backup)]
    if processor == "ner":
        # Stanza's NER finetuning builds the optimizer from the loaded model's settings; let --lr apply
        from stanza.models.ner import trainer as ner_trainer

        lr = _option(extra, "--lr")
        if lr is not None:
            base_init = ner_trainer.Trainer.__init__

            def init(self, args=None, vocab=None, pretrain=None, model_file=None, **kwargs):
                if model_file is not None:
                    args = {**(args or {}), "lr": float(lr)}
                base_init(self, args=args, vocab=vocab, pretrain=pretrain, model_file=model_file, **kwargs)

            ner_trainer.Trainer.__init__ = init
        return ["--finetune", "--finetune_load_name", str(backup)]
    if processor == "pos":
        from stanza.models import tagger

        base = tagger.Trainer

        class ContinuedTrainer(base):
            def __init__(self, *args, model_file=None, **kwargs):
                if model_file is None:
                    model_file = str(backup)
                    kwargs.pop("vocab", None)
                super().__init__(*args, model_file=model_file, **kwargs)

        tagger.Trainer = ContinuedTrainer
        return []
    if processor == "depparse":
        # A new round starts from the best weights with a fresh dev history: after `retag` the dev
        # set has predicted tags, and its scores are not comparable with the gold-tag rounds.
        checkpoint = parser_checkpoint(target)
        if checkpoint.exists():
            checkpoint.unlink()
        keep_model_vocab(backup)
        return ["--continue_from", str(backup)]
    return []


def parser_checkpoint(target: Path) -> Path:
    """Where Stanza's parser keeps the optimizer state of the round it is in."""
    return target.with_name(target.stem + "_checkpoint.pt")


def keep_model_vocab(model_file: Path) -> None:
    """Make the parser's data loaders use the vocabulary of ``model_file``, not one built from the data.

    Predicted tags bring feature combinations the loaded model has no rows for, and a vocabulary
    rebuilt from the data would number the tags differently from the weights being trained.
    """
    import torch
    from stanza.models import parser as stanza_parser
    from stanza.models.pos.vocab import MultiVocab

    model_vocab = MultiVocab.load_state_dict(torch.load(model_file, map_location="cpu", weights_only=False)["vocab"])
    base_loader = stanza_parser.DataLoader

    class ModelVocabLoader(base_loader):
        def __init__(self, doc, batch_size, args, pretrain, vocab=None, **kwargs):
            super().__init__(doc, batch_size, args, pretrain, vocab=vocab or model_vocab, **kwargs)

    stanza_parser.DataLoader = ModelVocabLoader


def _option(argv: list[str], name: str) -> str | None:
    """The value of ``name`` in an argument list (the last one wins, as in argparse)."""
    values = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == name]
    values += [a.split("=", 1)[1] for a in argv if a.startswith(name + "=")]
    return values[-1] if values else None


def train(work: Path, processor: str, continue_training: bool = False, more_args: list[str] = ()) -> None:
    saved = work / "saved"
    target = saved / INSTALLED[{"tokenize": "tokenize.pt"}.get(processor, f"{processor}.pt")]
    done_marker = target.with_suffix(".done")
    if done_marker.exists() and not continue_training:
        print(f"{processor}: finished earlier ({target}); delete {done_marker} or pass --continue to train more")
        return
    patch_torch()
    os.chdir(work)
    pretrain = str(saved / "pretrain" / "en_quotekit.pt")
    extra = list(TRAIN_ARGS[processor]) + list(more_args)  # later options win in argparse
    if continue_training and target.exists():
        extra += continue_from_best(processor, target, extra)
        done_marker.unlink(missing_ok=True)  # an interrupted round resumes without --continue
        if processor != "ner":
            extra.append("--force")  # run_* scripts skip a treebank whose model file exists
    elif processor == "depparse" and parser_checkpoint(target).exists():
        # an interrupted parser round: Stanza resumes it from its checkpoint (weights, optimizer, dev history)
        print(f"depparse: resuming the interrupted round from {parser_checkpoint(target)}")
        keep_model_vocab(parser_checkpoint(target))
        extra.append("--force")
    start = time.time()
    if processor == "ner":
        ner = work / "data" / "ner"
        sys.argv = ["ner_tagger", "--mode", "train", "--shorthand", "en_quotekit",
                    "--train_file", str(ner / "en_quotekit.train.json"),
                    "--eval_file", str(ner / "en_quotekit.dev.json"),
                    "--wordvec_pretrain_file", pretrain, "--save_dir", str(saved / "ner"),
                    "--save_name", "en_quotekit_nertagger.pt", *extra]
        runpy.run_module("stanza.models.ner_tagger", run_name="__main__")
    elif processor == "lemma":
        # run_lemma imports the transformer lemma classifier (and so `transformers`) even when it is
        # not used, so call the lemmatizer trainer directly
        lemma = work / "data" / "lemma"
        sys.argv = ["lemmatizer", "--mode", "train", "--shorthand", SHORT,
                    "--train_file", str(lemma / f"{SHORT}.train.in.conllu"),
                    "--eval_file", str(lemma / f"{SHORT}.dev.in.conllu"),
                    "--gold_file", str(lemma / f"{SHORT}.dev.gold.conllu"),
                    "--output_file", str(work / "lemma_dev_pred.conllu"),
                    "--save_dir", str(saved / "lemma"), "--save_name", f"{SHORT}_nocharlm_lemmatizer.pt", *extra]
        runpy.run_module("stanza.models.lemmatizer", run_name="__main__")
    else:
        module = {"tokenize": "run_tokenizer"}.get(processor, f"run_{processor}")
        argv = [module, TREEBANK, "--save_dir", str(saved / processor)]
        if processor in ("pos", "lemma", "depparse"):
            argv.append("--no_charlm")
        if processor in ("pos", "depparse"):
            argv += ["--wordvec_pretrain_file", pretrain]
        sys.argv = argv + extra
        runpy.run_module(f"stanza.utils.training.{module}", run_name="__main__")
    done_marker.write_text(f"trained in {time.time() - start:.0f}s\n")
    print(f"{processor}: done in {time.time() - start:.0f}s")


def _half(obj):
    import torch

    if isinstance(obj, torch.Tensor) and obj.dtype == torch.float32:
        return obj.half()
    if isinstance(obj, dict):
        return {k: _half(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_half(v) for v in obj]
    return obj


def install(work: Path, dest: Path = MODEL_DIR, only: tuple[str, ...] = (), vectors_name: str | None = None) -> None:
    """Copy the best model files so far (no optimizer state) into models/stanza/en (or ``dest``); with
    ``only``, just those processors ('pos' -> pos.pt). With ``vectors_name`` (e.g. glove.pt) this work
    folder's word vectors are installed under that name, in half precision, and ``pretrains.json`` records
    that the installed processors read them (the other processors keep reading pretrain.pt)."""
    import torch

    dest.mkdir(parents=True, exist_ok=True)
    for name, rel in INSTALLED.items():
        if only and name.removesuffix(".pt") not in only:
            continue
        if name == "pretrain.pt" and vectors_name:
            continue
        src = work / "saved" / rel
        if not src.exists():
            print(f"missing {src}; not installed")
            continue
        state = torch.load(src, map_location="cpu", weights_only=False)
        if isinstance(state, dict):
            for key in ("optimizer", "scheduler", "optimizers", "schedulers"):
                state.pop(key, None)
        if name != "pretrain.pt":
            state = _half(state)  # stored as fp16 (half the size); stanza loads them into fp32 modules
        torch.save(state, dest / name)
        print(f"installed {dest / name} ({(dest / name).stat().st_size / 1e6:.1f} MB)")
    if vectors_name:
        state = torch.load(work / "saved" / INSTALLED["pretrain.pt"], map_location="cpu", weights_only=True)
        state["emb"] = state["emb"].half()  # quotekit/nlp.py widens it back to float32 when loading
        torch.save(state, dest / vectors_name, _use_new_zipfile_serialization=False)
        sys.path.insert(0, str(REPO))
        from quotekit.models import PRETRAIN_MANIFEST, PRETRAIN_READERS

        manifest_path = dest / PRETRAIN_MANIFEST
        manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
        readers = [p for p in PRETRAIN_READERS if not only or p in only]
        manifest.update(dict.fromkeys(readers, vectors_name))
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        print(f"installed {dest / vectors_name} ({(dest / vectors_name).stat().st_size / 1e6:.1f} MB) "
              f"for {', '.join(readers)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("steps", nargs="+",
                        help="prepare | retag | tokenize | mwt | pos | lemma | depparse | ner | install | score")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--dest", type=Path, default=MODEL_DIR, help="where `install` copies the models")
    parser.add_argument("--only", nargs="*", default=[], help="`install` only these processors (e.g. --only pos)")
    parser.add_argument("--vectors-name", default=None,
                        help="`install` this work folder's word vectors under this name (e.g. glove.pt) for "
                             "the installed processors, recorded in pretrains.json")
    parser.add_argument("--continue", dest="continue_training", action="store_true",
                        help="train another round starting from the best model so far")
    parser.add_argument("--trainer-args", default="",
                        help="extra options for Stanza's trainer, e.g. --trainer-args='--lr 0.02'")
    args = parser.parse_args()
    more_args = args.trainer_args.split()
    work = args.work.resolve()
    data = args.data.resolve()
    (work / "logs").mkdir(parents=True, exist_ok=True)
    setup_env(work)
    for step in args.steps:
        if step == "prepare":
            prepare(work, data)
        elif step == "retag":
            retag(work)
        elif step == "install":
            install(work, args.dest.resolve(), tuple(args.only), args.vectors_name)
        elif step == "score":
            subprocess.run([sys.executable, str(REPO / "scripts" / "score_stanza.py"),
                            "--data", str(data), "--models", str(args.dest.resolve())], check=True)
        elif step in TRAIN_ARGS:
            if len(args.steps) > 1 or step != args.steps[0]:
                # one process per processor keeps the runpy'd trainers from sharing state
                more = (["--continue"] if args.continue_training else []) + (
                    [f"--trainer-args={args.trainer_args}"] if more_args else [])
                subprocess.run([sys.executable, __file__, step, "--data", str(data), "--work", str(work), *more],
                               check=True)
            else:
                train(work, step, args.continue_training, more_args)
        else:
            parser.error(f"unknown step {step}")


if __name__ == "__main__":
    main()
