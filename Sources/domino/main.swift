import App
import Foundation

exit(await DominoCommandLine.main(CommandLine.arguments, environment: ProcessInfo.processInfo.environment))
