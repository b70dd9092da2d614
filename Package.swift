// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Convene",
    products: [
        .library(name: "Convene", targets: ["Convene"]),
        .executable(name: "convene", targets: ["ConveneCLI"]),
        .executable(name: "convene-bench", targets: ["convene-bench"]),
    ],
    targets: [
        .target(name: "Convene", path: "Sources/Convene"),
        .executableTarget(name: "ConveneCLI", dependencies: ["Convene"], path: "Sources/ConveneCLI"),
        .executableTarget(name: "convene-bench", dependencies: ["Convene"], path: "Benchmarks/convene-bench"),
        .testTarget(name: "ConveneTests", dependencies: ["Convene", "ConveneCLI"], path: "Tests/ConveneTests",
                    exclude: ["Corpus/scenarios", "Corpus/calendars", "Corpus/valid", "Corpus/ics", "Corpus/cases.json"]),
    ]
)
