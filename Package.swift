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
        // Release builds skip the run-time exclusivity checks of the search's hot loops (about a
        // quarter of the learning core's time in `perf`); debug builds and the tests keep them.
        .target(name: "Convene", path: "Sources/Convene",
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .executableTarget(name: "ConveneCLI", dependencies: ["Convene"], path: "Sources/ConveneCLI"),
        .executableTarget(name: "convene-bench", dependencies: ["Convene"], path: "Benchmarks/convene-bench"),
        .testTarget(name: "ConveneTests", dependencies: ["Convene", "ConveneCLI"], path: "Tests/ConveneTests",
                    exclude: ["Corpus/scenarios", "Corpus/calendars", "Corpus/valid", "Corpus/ics", "Corpus/cases.json", "Search/scenarios"]),
    ]
)
