--------------------------- MODULE DyadicRationals ----------------------------
(***************************************************************************)
(* Fractions whose denominator is a power of two, as the records           *)
(* [num |-> n, den |-> d] the CommunityModules' DyadicRationals uses.      *)
(* Written for this project from that module's interface. Reduce is        *)
(* replaced natively, as TLC replaces it with Java: the fraction in lowest *)
(* terms (Reduce of 0/d is 0/1).                                           *)
(***************************************************************************)
LOCAL INSTANCE Integers
LOCAL INSTANCE TLC

LOCAL Fraction(n, d) == [num |-> n, den |-> d]

\* Replaced by the checker; this definition only names it (see above).
LOCAL Reduce(r) == r

Zero == Fraction(0, 1)

One == Fraction(1, 1)

IsDyadicRational(r) == \E k \in 0..r.den : 2^k = r.den

\* Of two powers of two the larger is a multiple of the smaller: it is the common denominator.
Add(p, q) ==
    IF p = Zero THEN q
    ELSE LET d == IF p.den >= q.den THEN p.den ELSE q.den
         IN  Reduce(Fraction(q.num * (d \div q.den) + p.num * (d \div p.den), d))

Half(p) == Reduce(Fraction(p.num, p.den * 2))

PrettyPrint(p) ==
    IF p = Zero THEN "0"
    ELSE IF p = One THEN "1"
    ELSE ToString(p.num) \o "/" \o ToString(p.den)
===============================================================================
