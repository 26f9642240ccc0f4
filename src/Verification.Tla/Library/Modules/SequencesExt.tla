---------------------------- MODULE SequencesExt ----------------------------
(* The community module SequencesExt, written for this project from its     *)
(* documentation. The operators TLC replaces by Java (SetToSeq, the folds,  *)
(* ...) are replaced by native code with the same results.                  *)
EXTENDS Sequences, Naturals, FiniteSets, FiniteSetsExt, Folds, Functions, Bags, TLC

ToSet(s) == {s[i] : i \in DOMAIN s}

ToBag(s) == [x \in Range(s) |-> Cardinality({i \in DOMAIN s : s[i] = x})]

SetToSeq(S) == CHOOSE f \in [1 .. Cardinality(S) -> S] : IsInjective(f)

SetToSeqs(S) ==
  LET D == 1 .. Cardinality(S)
  IN  {f \in [D -> S] : \A i, j \in D : i # j => f[i] # f[j]}

SetToSortSeq(S, op(_, _)) == SortSeq(SetToSeq(S), op)

SetToAllKPermutations(S) == UNION {SetToSeqs(T) : T \in SUBSET S}

TupleOf(set, n) == [1 .. n -> set]

SeqOf(set, n) == UNION {[1 .. m -> set] : m \in 0 .. n}

BoundedSeq(S, n) == SeqOf(S, n)

Contains(s, e) == \E i \in 1 .. Len(s) : s[i] = e

IsSorted(s, op(_, _)) == \A i, j \in 1 .. Len(s) : i < j => op(s[i], s[j])

Reverse(s) == [i \in 1 .. Len(s) |-> s[Len(s) - i + 1]]

Remove(s, e) == SelectSeq(s, LAMBDA x : x # e)

ReplaceAll(s, old, new) == [i \in 1 .. Len(s) |-> IF s[i] = old THEN new ELSE s[i]]

SelectInSeq(seq, Test(_)) ==
  LET I == {i \in 1 .. Len(seq) : Test(seq[i])}
  IN  IF I # {} THEN Min(I) ELSE 0

SelectInSubSeq(seq, from, to, Test(_)) == SelectInSeq(SubSeq(seq, from, to), Test)

SelectLastInSeq(seq, Test(_)) ==
  LET I == {i \in 1 .. Len(seq) : Test(seq[i])}
  IN  IF I # {} THEN Max(I) ELSE 0

SelectLastInSubSeq(seq, from, to, Test(_)) == SelectLastInSeq(SubSeq(seq, from, to), Test)

InsertAt(s, i, e) == SubSeq(s, 1, i - 1) \o <<e>> \o SubSeq(s, i, Len(s))

ReplaceAt(s, i, e) == [s EXCEPT ![i] = e]

RemoveAt(s, i) == SubSeq(s, 1, i - 1) \o SubSeq(s, i + 1, Len(s))

RemoveFirst(s, e) ==
  IF \E i \in 1 .. Len(s) : s[i] = e THEN RemoveAt(s, SelectInSeq(s, LAMBDA x : x = e)) ELSE s

RemoveFirstMatch(s, Test(_)) ==
  IF \E i \in 1 .. Len(s) : Test(s[i]) THEN RemoveAt(s, SelectInSeq(s, Test)) ELSE s

Cons(elt, seq) == <<elt>> \o seq

Snoc(elt, seq) == Append(seq, elt)

Front(s) == SubSeq(s, 1, Len(s) - 1)

Last(s) == s[Len(s)]

IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(s, 1, Len(s)) = SubSeq(t, 1, Len(s))

IsStrictPrefix(s, t) == IsPrefix(s, t) /\ s # t

IsSuffix(s, t) == IsPrefix(Reverse(s), Reverse(t))

IsStrictSuffix(s, t) == IsSuffix(s, t) /\ s # t

Prefixes(s) == {SubSeq(s, 1, l) : l \in 0 .. Len(s)}

CommonPrefixes(S) ==
  LET P == UNION {Prefixes(seq) : seq \in S}
  IN  {p \in P : \A t \in S : IsPrefix(p, t)}

LongestCommonPrefix(S) ==
  CHOOSE longest \in CommonPrefixes(S) : \A other \in CommonPrefixes(S) : Len(other) <= Len(longest)

Suffixes(s) == {SubSeq(s, l, Len(s)) : l \in 1 .. Len(s)} \cup {<<>>}

SeqMod(a, b) == IF a % b = 0 THEN b ELSE a % b

FoldSeq(op(_, _), base, seq) == FoldFunction(op, base, seq)

FoldLeft(op(_, _), base, seq) ==
  MapThenFoldSet(LAMBDA x, y : op(y, x), base, LAMBDA i : seq[i], LAMBDA S : Max(S), DOMAIN seq)

FoldRight(op(_, _), seq, base) ==
  MapThenFoldSet(op, base, LAMBDA i : seq[i], LAMBDA S : Min(S), DOMAIN seq)

FoldLeftDomain(op(_, _), base, seq) == FoldLeft(op, base, [i \in DOMAIN seq |-> i])

FoldRightDomain(op(_, _), seq, base) == FoldRight(op, [i \in DOMAIN seq |-> i], base)

RECURSIVE JoinedUpTo(_, _)
LOCAL JoinedUpTo(seqs, i) == IF i = 1 THEN seqs[1] ELSE JoinedUpTo(seqs, i - 1) \o seqs[i]

FlattenSeq(seqs) == IF Len(seqs) = 0 THEN seqs ELSE JoinedUpTo(seqs, Len(seqs))

Zip(s, t) ==
  LET n == IF Len(s) <= Len(t) THEN Len(s) ELSE Len(t)
  IN  [i \in 1 .. n |-> <<s[i], t[i]>>]

RECURSIVE InterleavedUpTo(_, _, _)
LOCAL InterleavedUpTo(s, t, i) ==
  IF i = 1 THEN << <<s[1]>>, <<t[1]>> >> ELSE InterleavedUpTo(s, t, i - 1) \o << <<s[i]>>, <<t[i]>> >>

Interleave(s, t) ==
  CASE Len(s) = Len(t) /\ Len(s) > 0 -> InterleavedUpTo(s, t, Len(s))
    [] Len(s) = Len(t) /\ Len(s) = 0 -> << <<>>, <<>> >>

SubSeqs(s) == {SubSeq(s, i + 1, j) : i, j \in 0 .. Len(s)}

AllSubSeqs(s) == {FoldFunction(Snoc, <<>>, [i \in D |-> s[i]]) : D \in SUBSET DOMAIN s}

IndexFirstSubSeq(s, t) ==
  LET last == CHOOSE i \in 0 .. Len(t) :
                /\ s \in SubSeqs(SubSeq(t, 1, i))
                /\ \A j \in 0 .. i - 1 : s \notin SubSeqs(SubSeq(t, 1, j))
  IN  last - (Len(s) - 1)

ReplaceSubSeqAt(i, r, s, t) == SubSeq(t, 1, i - 1) \o r \o SubSeq(t, i + Len(s), Len(t))

ReplaceFirstSubSeq(r, s, t) ==
  IF s \in SubSeqs(t) THEN ReplaceSubSeqAt(IndexFirstSubSeq(s, t), r, s, t) ELSE t

ReplaceAllSubSeqs(r, s, t) ==
  CASE s = t -> r
    [] r = s -> t
    [] s # t /\ Len(s) = 0 ->
         FlattenSeq(FlattenSeq(Interleave([i \in 1 .. Len(t) |-> r], [i \in 1 .. Len(t) |-> <<t[i]>>])))
    [] s # t /\ Len(s) > 0 /\ s \in SubSeqs(t) ->
         LET Matches(f) == {i \in 1 .. Len(f) : s = f[i]}
             Below(p, q) == \A i \in 1 .. Len(p) : p[i] <= q[i]
             Splits == {f \in BoundedSeq(BoundedSeq(Range(t), Len(t)), Len(t)) : FlattenSeq(f) = t}
             Most == {f \in Splits : \A g \in Splits : Cardinality(Matches(g)) <= Cardinality(Matches(f))}
             u == CHOOSE f \in Most : \A g \in Most :
                    Below(SetToSortSeq(Matches(f), <), SetToSortSeq(Matches(g), <))
         IN  FlattenSeq([i \in 1 .. Len(u) |-> IF s = u[i] THEN r ELSE u[i]])
    [] OTHER -> t
=============================================================================
