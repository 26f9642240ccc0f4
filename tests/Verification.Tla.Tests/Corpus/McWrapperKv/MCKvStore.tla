----------------------------- MODULE MCKvStore -----------------------------
EXTENDS KvStore, TLC
CONSTANTS k1, k2, c1, c2, c3
MCKey == {k1, k2}
MCMaxWrites == 2
ClientSymmetry == Permutations({c1, c2, c3})
=============================================================================
