------------------------------- MODULE SVG -------------------------------
(***************************************************************************)
(* The community module SVG, written for this checker from its documented  *)
(* meaning: an SVG element is a record [name, attrs, children, innerText]; *)
(* the shapes below build such records with their coordinates as strings. *)
(* SVGElemToString, NodeOfRingNetwork and NodesOfDirectedMultiGraph are    *)
(* computed natively (TLC computes them in Java); their bodies here are    *)
(* placeholders, never evaluated.                                          *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE TLC

\* The fields of both records; where both have a field, first's value wins.
LOCAL Merge(first, second) ==
    [field \in DOMAIN first \cup DOMAIN second |->
        IF field \in DOMAIN first THEN first[field] ELSE second[field]]

SVGElem(_name, _attrs, _children, _innerText) ==
    [name |-> _name, attrs |-> _attrs, children |-> _children, innerText |-> _innerText]

Line(x1, y1, x2, y2, attrs) ==
    SVGElem("line",
            Merge([x1 |-> ToString(x1), y1 |-> ToString(y1),
                   x2 |-> ToString(x2), y2 |-> ToString(y2)], attrs),
            <<>>, "")

Circle(cx, cy, r, attrs) ==
    SVGElem("circle", Merge([cx |-> ToString(cx), cy |-> ToString(cy), r |-> ToString(r)], attrs), <<>>, "")

Rect(x, y, w, h, attrs) ==
    SVGElem("rect",
            Merge([x |-> ToString(x), y |-> ToString(y),
                   width |-> ToString(w), height |-> ToString(h)], attrs),
            <<>>, "")

Text(x, y, text, attrs) ==
    SVGElem("text", Merge([x |-> ToString(x), y |-> ToString(y)], attrs), <<>>, text)

Image(x, y, width, height, href, attrs) ==
    SVGElem("image",
            Merge(("xlink:href" :> href) @@ ("x" :> ToString(x)) @@ ("y" :> ToString(y))
                    @@ ("width" :> ToString(width)) @@ ("height" :> ToString(height)), attrs),
            <<>>, "")

Group(children, attrs) == SVGElem("g", attrs, children, "")

Svg(children, attrs) == SVGElem("svg", attrs, children, "")

\* A whole document: one svg root with the namespaces and the viewBox vbX vbY vbW vbH.
SVGDoc(children, vbX, vbY, vbW, vbH, attrs) ==
    Svg(<<children>>,
        Merge(("xmlns:xlink" :> "http://www.w3.org/1999/xlink")
                @@ ("xmlns" :> "http://www.w3.org/2000/svg")
                @@ ("viewBox" :> (ToString(vbX) \o " " \o ToString(vbY) \o " "
                                  \o ToString(vbW) \o " " \o ToString(vbH))),
              attrs))

\* Native: the element as SVG text.
SVGElemToString(elem) == TRUE

\* Native: the integer coordinates of node n of m placed evenly on a circle of
\* radius r around (cx, cy).
NodeOfRingNetwork(cx, cy, r, n, m) == [x |-> 0, y |-> 0]

\* Native in TLC (a graph layout); not supported by this checker.
NodesOfDirectedMultiGraph(nodes, edges, options) == [n \in nodes |-> [x |-> 0, y |-> 0]]

\* The point 1/segment of the way from `from` to `to`.
PointOnLine(from, to, segment) ==
    [x |-> from.x + ((to.x - from.x) \div segment),
     y |-> from.y + ((to.y - from.y) \div segment)]

\* Writes the element as SVG text to the file prefix, frame number padded to 3 digits, ".svg".
SVGSerialize(svg, frameNamePrefix, frameNumber) ==
    LET IO == INSTANCE IOUtils IN
    IO!Serialize(SVGElemToString(svg),
                 frameNamePrefix \o IO!zeroPadN(frameNumber, 3) \o ".svg",
                 [format |-> "TXT", charset |-> "UTF-8",
                  openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>])
==========================================================================
